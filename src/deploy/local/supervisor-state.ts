import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJson } from '../../core/index.ts';
import { healthEventSchema, releaseHealthSchema } from '../release-health.ts';

/** Where one release's process stands, as the supervisor last saw it. */
export const processStates = ['staging', 'live', 'ready', 'stopped', 'failed', 'exited'] as const;

export const releaseProcessSchema = z.object({
  version: z.int().positive(),
  pid: z.int().nullable(),
  port: z.int(),
  state: z.enum(processStates),
  startedAt: z.string(),
  exitCode: z.int().nullable(),
  /** Why it failed or stopped, for people. */
  reason: z.string().nullable(),
  /** What the monitor saw since it last went live; null (or absent) for one never live. */
  health: releaseHealthSchema.nullish(),
});
export type ReleaseProcess = z.infer<typeof releaseProcessSchema>;

/** The supervisor's state file: written by the supervisor only, read by every `loki` command. */
export const supervisorStateSchema = z.object({
  project: z.string(),
  /** The supervisor's process, or null once it stopped. */
  pid: z.int().nullable(),
  /** The stable port of the reverse proxy; kept across restarts so the URL stays the same. */
  proxyPort: z.int().nullable(),
  live: z.int().nullable(),
  processes: z.array(releaseProcessSchema),
  /** What the monitor saw happen to live releases, oldest first (the last 50). */
  healthEvents: z.array(healthEventSchema).optional(),
  /** How often the monitor probes the live release, in milliseconds (0: it does not). */
  healthIntervalMs: z.int().nonnegative().optional(),
  updatedAt: z.string(),
});
export type SupervisorState = z.infer<typeof supervisorStateSchema>;

/** The last state written, or null when there is none (or it cannot be read: it is only a cache). */
export async function readSupervisorState(path: string): Promise<SupervisorState | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = parseJson(text, supervisorStateSchema);
  return parsed.success ? parsed.value : null;
}

/** Written to a temporary file then renamed: a reader never sees half a state. */
export async function writeSupervisorState(path: string, state: SupervisorState): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, path);
}
