import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { frontServerPath } from '../../stacks/profiles/react-vite/front-server-path.ts';
import type { ComposeFile } from './compose-template.ts';
import { artifactPaths, generateArtifacts } from './generate-artifacts.ts';
import type { DeploymentManifest } from './kubernetes-template.ts';
import { dockerfileInstructions } from './validate-dockerfile.ts';
import type { Workflow } from './workflow-template.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function product(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'loki-artifacts-profiles-')));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');
const yamlOf = <T>(root: string, path: string): T => parse(read(root, path)) as T;

/** `FROM base AS name` of each stage, in order. */
const stagesOf = (dockerfile: string): string[] =>
  dockerfileInstructions(dockerfile)
    .filter((instruction) => instruction.keyword === 'FROM')
    .map((instruction) => instruction.arguments);

/** The instructions of the last stage, as written. */
const runtimeStage = (dockerfile: string): string[] => {
  const instructions = dockerfileInstructions(dockerfile);
  const last = instructions.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  return instructions
    .slice(last + 1)
    .map((instruction) => `${instruction.keyword} ${instruction.arguments}`);
};

const manifest = (value: Record<string, unknown>): string =>
  JSON.stringify({ private: true, type: 'module', ...value });

const expressApi = (prefix: string, healthPath: string): Record<string, string> => ({
  [`${prefix}package.json`]: manifest({
    name: 'todo-api',
    scripts: { build: 'tsc', start: 'node dist/server.js', test: 'vitest run' },
    dependencies: { express: '^5.3.0' },
    devDependencies: { typescript: '^7.0.2', vitest: '^5.1.1', supertest: '^7.3.2' },
  }),
  [`${prefix}package-lock.json`]: '{}',
  [`${prefix}src/app.ts`]: `import express from 'express';\nexport const app = express();\napp.get('${healthPath}', (_request, response) => { response.json({ status: 'ok' }); });\n`,
  [`${prefix}src/server.ts`]: `import { app } from './app.js';\napp.listen(Number(process.env.PORT ?? 3000));\n`,
});

const reactSite = (prefix: string): Record<string, string> => ({
  [`${prefix}package.json`]: manifest({
    name: 'todo-web',
    scripts: { build: 'vite build', test: 'vitest run' },
    dependencies: { react: '^19.3.1', 'react-dom': '^19.3.1' },
    devDependencies: { vite: '^8.3.8', vitest: '^5.1.1' },
  }),
  [`${prefix}package-lock.json`]: '{}',
  [`${prefix}index.html`]:
    '<div id="root"></div><script type="module" src="/src/main.jsx"></script>',
  [`${prefix}src/main.jsx`]: 'export {};\n',
});

describe('generateArtifacts for the Node framework profiles', () => {
  it('packages an Express TypeScript API in a multi-stage Node image that runs its build', async () => {
    const root = product(expressApi('', '/health'));
    const report = await generateArtifacts(root);

    expect(report.files.filter((file) => !file.validation.ok)).toEqual([]);
    expect(report.profile).toMatchObject({ port: 3000, healthPath: '/health' });
    expect(report.profile.frontEnd).toBeUndefined();
    const dockerfile = read(root, 'Dockerfile');
    expect(stagesOf(dockerfile)).toEqual([
      'node:24-slim AS deps',
      'node:24-slim AS build',
      'node:24-slim AS runtime',
    ]);
    expect(dockerfile).toContain('RUN npm run build && npm prune --omit=dev');
    expect(runtimeStage(dockerfile)).toEqual(
      expect.arrayContaining([
        'COPY --from=build --chown=node:node /app ./',
        'USER 1000',
        'CMD ["sh","-c","exec npm start"]',
      ]),
    );
    expect(existsSync(join(root, artifactPaths['front-server']))).toBe(false);
  });

  it('packages a React + Vite site as a Vite build stage and an unprivileged nginx serving dist/', async () => {
    const root = product(reactSite(''));
    const report = await generateArtifacts(root);

    expect(report.files.filter((file) => !file.validation.ok)).toEqual([]);
    expect(report.profile).toMatchObject({
      name: 'todo-web',
      port: 8080,
      healthPath: '/',
      frontEnd: { kind: 'static-site' },
    });
    const dockerfile = read(root, 'Dockerfile');
    expect(stagesOf(dockerfile)).toEqual([
      'node:24-slim AS build',
      'nginxinc/nginx-unprivileged:1.29-alpine AS runtime',
    ]);
    expect(dockerfile).toContain('RUN npm ci\n');
    expect(dockerfile).toContain('RUN npm run build\n');
    // Client-side routes get the page.
    expect(dockerfile).toContain('try_files $uri $uri/ /index.html;');
    expect(runtimeStage(dockerfile)).toEqual([
      'COPY --from=build /app/nginx.conf /etc/nginx/conf.d/default.conf',
      'COPY --from=build /app/dist /usr/share/nginx/html',
      'USER 101',
      'EXPOSE 8080',
      'HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 CMD ["wget","-q","--spider","http://127.0.0.1:8080/"]',
      'CMD ["nginx","-g","daemon off;"]',
    ]);
    expect(read(root, '.dockerignore').split('\n')).toEqual(
      expect.arrayContaining(['node_modules', 'dist']),
    );
    const container = yamlOf<DeploymentManifest>(root, 'k8s/deployment.yaml').spec.template.spec
      .containers[0]!;
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/',
      port: 'http',
      httpHeaders: [{ name: 'Host', value: 'localhost' }],
    });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    expect(
      yamlOf<DeploymentManifest>(root, 'k8s/deployment.yaml').spec.template.spec.securityContext,
    ).toEqual({ runAsNonRoot: true, runAsUser: 101 });
    const compose = yamlOf<ComposeFile>(root, 'docker-compose.yml');
    expect(compose.services.app!.ports).toEqual(['8080:8080']);
    expect(compose.services.app!.healthcheck.test).toEqual([
      'CMD',
      'wget',
      '-q',
      '--spider',
      'http://127.0.0.1:8080/',
    ]);
    expect(existsSync(join(root, artifactPaths['front-server']))).toBe(false);
  });

  it('packages web/ + api/ as one Node image: both built, the front server before the API on one port', async () => {
    const root = product({ ...reactSite('web/'), ...expressApi('api/', '/api/health') });
    const report = await generateArtifacts(root);

    expect(report.files.filter((file) => !file.validation.ok)).toEqual([]);
    expect(report.profile).toMatchObject({
      port: 3000,
      healthPath: '/api/health',
      frontEnd: { kind: 'web-api' },
      startCommand:
        "node front-server.mts --static web/dist --api-dir api --api-command 'npm start'",
    });
    const dockerfile = read(root, 'Dockerfile');
    expect(stagesOf(dockerfile)).toEqual([
      'node:24-slim AS web',
      'node:24-slim AS api',
      'node:24-slim AS runtime',
    ]);
    expect(dockerfile).toContain('COPY web/package.json web/package-lock.json ./');
    expect(dockerfile).toContain('COPY api/package.json api/package-lock.json ./');
    expect(dockerfile).toContain('RUN npm run build && npm prune --omit=dev');
    expect(runtimeStage(dockerfile)).toEqual(
      expect.arrayContaining([
        'COPY --from=api --chown=node:node /app/api ./api',
        'COPY --from=web --chown=node:node /app/web/dist ./web/dist',
        'COPY --chown=node:node deploy/front-server.mts ./front-server.mts',
        'USER 1000',
        `CMD ${JSON.stringify(['sh', '-c', `exec ${report.profile.startCommand}`])}`,
      ]),
    );
    expect(dockerfile).toMatch(/HEALTHCHECK .*\/api\/health/);
    // The image runs exactly the server the local deployment runs.
    expect(read(root, 'deploy/front-server.mts')).toBe(readFileSync(frontServerPath, 'utf8'));
    expect(read(root, '.dockerignore').split('\n')).toEqual(
      expect.arrayContaining(['**/node_modules', '**/dist']),
    );
    const workflow = yamlOf<Workflow>(root, '.github/workflows/ci.yml');
    const steps = workflow.jobs.test!.steps;
    expect(steps.map((step: { run?: string }) => step.run).filter(Boolean)).toEqual([
      'npm ci --prefix web\nnpm ci --prefix api',
      'npm test --prefix web && npm test --prefix api',
    ]);
    expect(steps[1]).toMatchObject({
      with: {
        cache: 'npm',
        'cache-dependency-path': 'web/package-lock.json\napi/package-lock.json',
      },
    });
    const container = yamlOf<DeploymentManifest>(root, 'k8s/deployment.yaml').spec.template.spec
      .containers[0]!;
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/api/health',
      port: 'http',
      httpHeaders: [{ name: 'Host', value: 'localhost' }],
    });
  });

  it("keeps a product's edited front server, warning that Loki's tests do not cover it", async () => {
    const root = product({ ...reactSite('web/'), ...expressApi('api/', '/api/health') });
    await generateArtifacts(root);
    writeFileSync(join(root, 'deploy/front-server.mts'), '// our own\n');
    const again = await generateArtifacts(root);
    const server = again.files.find((file) => file.kind === 'front-server');
    expect(server).toMatchObject({ action: 'kept', validation: { ok: true } });
    expect(server!.validation.problems[0]!.message).toMatch(/differs from Loki's front server/);
  });
});
