import { z } from 'zod';
import { relayTargetSchema } from '../events/index.ts';
import { modelSettingsSchema } from '../model/index.ts';
import { durationSchema } from './duration.ts';

/**
 * `loki.config.json` (and `~/.loki/config.json`, `LOKI_*` variables and flags, merged in that
 * order). Unknown keys are errors, so a misspelt key is reported instead of ignored.
 */
export const agentSettingsSchema = z.strictObject({
  maxSteps: z.int().positive().default(80).describe('Model calls one sub-agent may make'),
  maxTokens: z
    .int()
    .positive()
    .default(4_000_000)
    .describe('Tokens (in + out) one sub-agent may spend'),
  maxFixRounds: z
    .int()
    .nonnegative()
    .default(3)
    .describe('Times failing tests are sent back to an agent before its task fails'),
});

export const gateThresholdsSchema = z.strictObject({
  minCoveragePercent: z
    .number()
    .min(0)
    .max(100)
    .default(80)
    .describe('Line coverage the tests must reach'),
  maxLintErrors: z.int().nonnegative().default(0).describe('Lint errors allowed'),
  requireLinter: z
    .boolean()
    .default(true)
    .describe('Fail the lint gate when the project configures no linter (it cannot be checked)'),
  testIntegrity: z
    .enum(['block', 'warn', 'off'])
    .default('block')
    .describe(
      'Tests weakened instead of code fixed (deleted, skipped, no assertion, cannot fail, subject mocked, expectations edited, coverage excluded): block the gate, only warn, or not check',
    ),
});
export type GateThresholds = z.infer<typeof gateThresholdsSchema>;

export const lokiConfigSchema = modelSettingsSchema.extend({
  $schema: z.string().optional(),
  concurrency: z
    .int()
    .positive()
    .max(256)
    .default(10)
    .describe('How many sub-agents may work at once'),
  maxTime: durationSchema
    .prefault('3h')
    .describe('The longest a run may take before it stops, resumable: 3h, 90m'),
  budgetUsd: z
    .number()
    .positive()
    .optional()
    .describe('The most a run may spend on models, in US dollars; stops the run, resumable'),
  maxLines: z
    .int()
    .positive()
    .default(50_000)
    .describe(
      'Most lines of code the product may grow to (blank lines, lockfiles, vendored files excluded)',
    ),
  // The stacks' names as stacks/ defines them (config sits below stacks; a test keeps them equal).
  stack: z
    .enum(['express', 'react-vite', 'web-api', 'fastapi', 'django', 'node', 'python'])
    .optional()
    .describe(
      "The stack to build with (express, react-vite, web-api, fastapi, django, node, python); default: the product directory's, else the one the PRD names, else the planner's choice",
    ),
  sandbox: z
    .enum(['auto', 'bwrap', 'none'])
    .default('auto')
    .describe(
      'How agent commands are confined: bwrap when present (auto), always (bwrap), or not (none)',
    ),
  remediationRounds: z
    .int()
    .nonnegative()
    .default(2)
    .describe(
      'Rounds of fixes after review (each followed by a re-review) and after failing quality gates (each followed by a new measurement)',
    ),
  heldOutPercent: z
    .number()
    .min(0)
    .max(100)
    .default(25)
    .describe(
      "Share of the PRD's acceptance criteria withheld from the coding agents and checked only by the verifier on the merged product (at least one when there are two or more; 0 holds none out)",
    ),
  gates: gateThresholdsSchema
    .default(gateThresholdsSchema.parse({}))
    .describe('Quality gates of the generated project'),
  agents: agentSettingsSchema
    .default(agentSettingsSchema.parse({}))
    .describe('Budgets of each sub-agent'),
  deployTarget: z
    .enum(['local', 'docker', 'vercel'])
    .default('local')
    .describe(
      'Where the deployment stage ships the product: local processes (default), docker, vercel',
    ),
  memory: z
    .string()
    .optional()
    .describe(
      'Where lessons live: a SQLite file or a postgres:// URL (env LOKI_MEMORY_URL, LOKI_MEMORY_PATH; default ~/.loki/memory.db)',
    ),
  journal: z
    .string()
    .optional()
    .describe(
      'Where the run journal lives (SQLite). Default: .loki/journal.db in the working directory',
    ),
  relay: z
    .array(relayTargetSchema)
    .default([])
    .describe('Chat webhooks (Slack, Discord, generic JSON) that a run posts its status to'),
});

/** The config as written (durations as text). */
export type LokiConfigInput = z.input<typeof lokiConfigSchema>;
/** The config resolved, with defaults (durations in milliseconds). */
export type LokiConfig = z.output<typeof lokiConfigSchema>;
