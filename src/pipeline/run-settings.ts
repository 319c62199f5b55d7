import { z } from 'zod';
import type { LokiConfigInput } from '../config/index.ts';

/** The kinds of work recorded as runs: whole runs and plans, and single stages on a directory. */
export const runKinds = ['run', 'plan', 'review', 'audit', 'gates', 'deploy'] as const;
export type RunKind = (typeof runKinds)[number];

/** What a run was asked to do, as kept in the journal so `loki resume` can carry on. */
export const runSettingsSchema = z.object({
  kind: z.enum(runKinds),
  /** The merged configuration as written (no secrets: keys are only ever referenced). */
  config: z.record(z.string(), z.unknown()),
});
export type RunSettings = { kind: 'run' | 'plan'; config: LokiConfigInput };
