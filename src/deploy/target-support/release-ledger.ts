import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LokiError, parseJson } from '../../core/index.ts';
import type { DeployTargetName, Release } from '../deploy-target.ts';

const ledgerRelease = z.object({
  project: z.string(),
  version: z.number().int().positive(),
  location: z.string(),
  builtAt: z.string(),
  /** The port the server listens on inside the container (docker). */
  containerPort: z.number().int().positive().optional(),
  /** The path probed for health, as the product declared it when built. */
  healthPath: z.string().optional(),
  /** Where the release answers once deployed (vercel's deployment URL). */
  url: z.string().optional(),
});

const ledgerSchema = z.object({
  project: z.string(),
  target: z.string(),
  releases: z.array(ledgerRelease),
  /** Versions that went live, in order; the last one is live now. Rollback pops it. */
  promoted: z.array(z.number().int().positive()),
  /** The URL the live release answers on, kept across promotions. */
  stableUrl: z.string().nullable(),
  stablePort: z.number().int().positive().nullable(),
});

/** A release as a target records it. */
export type LedgerRelease = z.infer<typeof ledgerRelease>;
/** What a target remembers about one project: its releases and which went live. */
export type Ledger = z.infer<typeof ledgerSchema>;

/**
 * The file where a remote target (docker, vercel) keeps a project's releases and promotion
 * history: the engine or the platform holds the running things, not which came before which.
 */
export class ReleaseLedger {
  private readonly directory: string;
  private readonly target: DeployTargetName;

  constructor(directory: string, target: DeployTargetName) {
    this.directory = directory;
    this.target = target;
  }

  private path(project: string): string {
    return join(this.directory, `${project}.${this.target}.json`);
  }

  async read(project: string): Promise<Ledger> {
    const text = await readFile(this.path(project), 'utf8').catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      },
    );
    if (text === null) {
      return {
        project,
        target: this.target,
        releases: [],
        promoted: [],
        stableUrl: null,
        stablePort: null,
      };
    }
    const parsed = parseJson(text, ledgerSchema);
    if (!parsed.success) {
      throw new LokiError({
        code: 'deploy.ledger-invalid',
        category: 'internal',
        message: `the ${this.target} release record ${this.path(project)} is not valid (${parsed.error}); move it away to start the project's history afresh`,
        details: { path: this.path(project) },
      });
    }
    return parsed.value;
  }

  /** Replaces the record atomically (a crash leaves the old or the new one, never half). */
  async write(ledger: Ledger): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const path = this.path(ledger.project);
    await writeFile(`${path}.tmp`, `${JSON.stringify(ledger, null, 2)}\n`);
    await rename(`${path}.tmp`, path);
  }

  /** Reads, changes and writes the record. */
  async update(project: string, change: (ledger: Ledger) => void): Promise<Ledger> {
    const ledger = await this.read(project);
    change(ledger);
    await this.write(ledger);
    return ledger;
  }
}

/** The next version number for a project. */
export function nextVersion(ledger: Ledger): number {
  return Math.max(0, ...ledger.releases.map((release) => release.version)) + 1;
}

/** The public form of a recorded release. */
export function toRelease(release: LedgerRelease): Release {
  return {
    project: release.project,
    version: release.version,
    location: release.location,
    builtAt: release.builtAt,
  };
}
