import { z } from 'zod';
import type { LokiConfigInput } from '../config/index.ts';

/** What a run was asked to do, as kept in the journal so `loki resume` can carry on. */
export const runSettingsSchema = z.object({
  kind: z.enum(['run', 'plan']),
  /** The merged configuration as written (no secrets: keys are only ever referenced). */
  config: z.record(z.string(), z.unknown()),
});
export type RunSettings = { kind: 'run' | 'plan'; config: LokiConfigInput };
