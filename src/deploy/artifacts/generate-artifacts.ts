import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ArtifactValidation } from './artifact-validation.ts';
import { renderCompose } from './compose-template.ts';
import { renderDockerfile } from './dockerfile-template.ts';
import { renderDockerignore } from './dockerignore-template.ts';
import { frontServerArtifactPath } from './front-end-profile.ts';
import { frontServerText, validateFrontServer } from './front-server-artifact.ts';
import { renderDeployment, renderService } from './kubernetes-template.ts';
import { describeProduct, type ProductProfile, type ProfileOptions } from './product-profile.ts';
import { validateCompose } from './validate-compose.ts';
import {
  filesCopiedByName,
  validateDockerfile,
  validateDockerignore,
} from './validate-dockerfile.ts';
import { validateKubernetes } from './validate-kubernetes.ts';
import { validateWorkflow } from './validate-workflow.ts';
import { ciTestCommand, renderWorkflow } from './workflow-template.ts';

/** The deployment files Loki generates for a product. */
export const artifactKinds = [
  'dockerfile',
  'dockerignore',
  'compose',
  'kubernetes-deployment',
  'kubernetes-service',
  'ci-workflow',
  /** Only for a web + API product: the server its image runs in front of the API. */
  'front-server',
] as const;
export type ArtifactKind = (typeof artifactKinds)[number];

/** Where each artifact lives, relative to the product's root. */
export const artifactPaths: Record<ArtifactKind, string> = {
  dockerfile: 'Dockerfile',
  dockerignore: '.dockerignore',
  compose: 'docker-compose.yml',
  'kubernetes-deployment': 'k8s/deployment.yaml',
  'kubernetes-service': 'k8s/service.yaml',
  'ci-workflow': '.github/workflows/ci.yml',
  'front-server': frontServerArtifactPath,
};

/** One artifact: its text as Loki renders it for the product. */
export interface RenderedArtifact {
  kind: ArtifactKind;
  path: string;
  text: string;
}

/** What happened to one artifact, and whether the file now in the product is usable. */
export interface ArtifactFile {
  kind: ArtifactKind;
  /** Relative to the product's root. */
  path: string;
  /** `kept`: the product already had this file and `overwrite` was not set; it was validated as it is. */
  action: 'written' | 'overwritten' | 'unchanged' | 'kept';
  validation: ArtifactValidation;
}

/** What `generateArtifacts` wrote and what validation found. */
export interface ArtifactReport {
  root: string;
  profile: ProductProfile;
  files: ArtifactFile[];
  /** True when every file in the product now validates without errors. */
  ok: boolean;
  /** One sentence each: assumptions, kept files, what people must still do. */
  notes: string[];
}

/** How artifacts are generated. */
export interface GenerateArtifactsOptions extends ProfileOptions {
  /** Replace files the product already has. Default false: the product's own files win. */
  overwrite?: boolean;
  /** Only these artifacts. Default: all. */
  kinds?: readonly ArtifactKind[];
}

/** Every artifact's text for a profile, without touching the disk. */
export function renderArtifacts(profile: ProductProfile): RenderedArtifact[] {
  const texts: Record<ArtifactKind, string | null> = {
    dockerfile: renderDockerfile(profile),
    dockerignore: renderDockerignore(profile),
    compose: renderCompose(profile),
    'kubernetes-deployment': renderDeployment(profile),
    'kubernetes-service': renderService(profile),
    'ci-workflow': renderWorkflow(profile),
    'front-server': profile.frontEnd?.kind === 'web-api' ? frontServerText() : null,
  };
  return artifactKinds.flatMap((kind) => {
    const text = texts[kind];
    return text === null ? [] : [{ kind, path: artifactPaths[kind], text }];
  });
}

async function readOptional(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}

/**
 * Generates a product's Dockerfile, .dockerignore, docker-compose.yml, Kubernetes Deployment
 * and Service, and CI workflow; writes them into the product (keeping files it already has
 * unless `overwrite`), then validates every file as it now is in the product.
 */
export async function generateArtifacts(
  root: string,
  options: GenerateArtifactsOptions = {},
): Promise<ArtifactReport> {
  const profile = await describeProduct(root, options);
  const wanted = new Set(options.kinds ?? artifactKinds);
  const notes = [...profile.notes];
  const finalTexts = new Map<ArtifactKind, string>();
  const actions = new Map<ArtifactKind, ArtifactFile['action']>();
  for (const artifact of renderArtifacts(profile).filter((entry) => wanted.has(entry.kind))) {
    const path = join(root, artifact.path);
    const existing = await readOptional(path);
    if (existing !== null && existing !== artifact.text && options.overwrite !== true) {
      actions.set(artifact.kind, 'kept');
      finalTexts.set(artifact.kind, existing);
      notes.push(`kept the product's own ${artifact.path}; generate with overwrite to replace it`);
      continue;
    }
    if (existing !== artifact.text) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, artifact.text);
    }
    actions.set(
      artifact.kind,
      existing === null ? 'written' : existing === artifact.text ? 'unchanged' : 'overwritten',
    );
    finalTexts.set(artifact.kind, artifact.text);
  }
  const validations = await validateTexts(root, profile, finalTexts, actions);
  const files = [...actions].map(([kind, action]) => ({
    kind,
    path: artifactPaths[kind],
    action,
    validation: validations.get(kind)!,
  }));
  if (profile.databases.length > 0 && wanted.has('kubernetes-deployment')) {
    notes.push(
      `the Kubernetes Deployment reads database settings from the Secret "${profile.name}-database", which must be created in the cluster`,
    );
  }
  return { root, profile, files, ok: files.every((file) => file.validation.ok), notes };
}

/** Validates each artifact; the .dockerignore against the Dockerfile the product will build. */
async function validateTexts(
  root: string,
  profile: ProductProfile,
  texts: Map<ArtifactKind, string>,
  actions: Map<ArtifactKind, ArtifactFile['action']>,
): Promise<Map<ArtifactKind, ArtifactValidation>> {
  const results = new Map<ArtifactKind, ArtifactValidation>();
  const dockerfile =
    texts.get('dockerfile') ?? (await readOptional(join(root, artifactPaths.dockerfile)));
  for (const [kind, text] of texts) {
    if (kind === 'dockerfile') results.set(kind, validateDockerfile(text));
    if (kind === 'dockerignore')
      results.set(
        kind,
        validateDockerignore(text, dockerfile === null ? [] : filesCopiedByName(dockerfile)),
      );
    if (kind === 'compose') results.set(kind, validateCompose(text));
    if (kind === 'front-server') results.set(kind, validateFrontServer(text));
    // The product's own workflow may run its tests another way; ours must run them our way.
    if (kind === 'ci-workflow') {
      results.set(
        kind,
        validateWorkflow(text, actions.get(kind) === 'kept' ? undefined : ciTestCommand(profile)),
      );
    }
  }
  const manifests = (['kubernetes-deployment', 'kubernetes-service'] as const).filter((kind) =>
    texts.has(kind),
  );
  const manifestResults = validateKubernetes(manifests.map((kind) => texts.get(kind)!));
  manifests.forEach((kind, index) => results.set(kind, manifestResults[index]!));
  return results;
}
