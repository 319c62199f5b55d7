import { z } from 'zod';
import { modelSettingsSchema } from '../model/index.ts';
import { durationSchema } from './duration.ts';

/**
 * `loki.config.json` (and `~/.loki/config.json`, `LOKI_*` variables and flags, merged in that
 * order). Unknown keys are errors, so a misspelt key is reported instead of ignored.
 */
export const lokiConfigSchema = modelSettingsSchema.extend({
  $schema: z.string().optional(),
  /** How many sub-agents may work at once. */
  concurrency: z
    .int()
    .positive()
    .max(256)
    .default(10)
    .describe('How many sub-agents may work at once.'),
  /** The longest a run may take before it stops, resumable: `3h`, `90m`. */
  maxTime: durationSchema
    .prefault('3h')
    .describe('The longest a run may take before it stops, resumable: 3h, 90m.'),
  /** The most a run may spend on models, in US dollars; stops the run, resumable. */
  budgetUsd: z
    .number()
    .positive()
    .optional()
    .describe('The most a run may spend on models, in US dollars; stops the run, resumable.'),
  /** Where the run journal lives (SQLite). Default: `.loki/journal.db` in the working directory. */
  journal: z
    .string()
    .optional()
    .describe(
      'Where the run journal lives (SQLite). Default: .loki/journal.db in the working directory.',
    ),
});

/** The config as written (durations as text). */
export type LokiConfigInput = z.input<typeof lokiConfigSchema>;
/** The config resolved, with defaults (durations in milliseconds). */
export type LokiConfig = z.output<typeof lokiConfigSchema>;
