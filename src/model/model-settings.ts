import { z } from 'zod';
import { modelPriceSchema } from './price-table.ts';

/** A reference to a secret held in the environment: `{env:ANTHROPIC_API_KEY}`. */
export const secretReferenceSchema = z.string().regex(/^\{env:[A-Za-z_][A-Za-z0-9_]*\}$/, {
  message:
    'keys are referenced, never written into files: use {env:VARIABLE_NAME} and export the key in that variable',
});

export const providerSettingsSchema = z.strictObject({
  /** `{env:VAR}`: where the key is read from, when not the provider's standard variable. */
  apiKey: secretReferenceSchema
    .optional()
    .describe("{env:VAR}: where the key is read from, when not the provider's standard variable."),
  baseUrl: z
    .url()
    .optional()
    .describe('Base URL of the API, e.g. http://127.0.0.1:11434/v1 for Ollama.'),
  maxConcurrentCalls: z
    .int()
    .positive()
    .optional()
    .describe('How many calls may be in flight to this provider at once.'),
  /**
   * Whether an OpenAI-compatible server understands `response_format: json_schema`.
   * When false only JSON mode is asked for, and the schema travels in the prompt alone.
   */
  structuredOutputs: z.boolean().optional(),
});
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

export const callSettingsSchema = z.strictObject({
  timeoutMs: z
    .int()
    .positive()
    .default(600_000)
    .describe('Longest a single model call may take, all retries excluded.'),
  stallTimeoutMs: z
    .int()
    .positive()
    .default(120_000)
    .describe('Longest a streamed reply may go without a chunk before it counts as stalled.'),
  maxRetries: z
    .int()
    .nonnegative()
    .default(5)
    .describe('Retries after the first attempt, for rate limits, 5xx, network errors, timeouts.'),
  initialRetryDelayMs: z.int().nonnegative().default(1_000),
  maxRetryDelayMs: z.int().nonnegative().default(60_000),
  stream: z
    .boolean()
    .default(true)
    .describe('Stream replies (detects stalls early); false sends plain requests.'),
});
export type CallSettings = z.infer<typeof callSettingsSchema>;

/** Everything the model gateway needs to know, as it appears in `loki.config.json`. */
export const modelSettingsSchema = z.strictObject({
  model: z
    .string()
    .optional()
    .describe(
      'The default model for every role, provider/model. Chosen from the environment when absent.',
    ),
  /** Per-role overrides of `model`. */
  roles: z
    .strictObject({
      planner: z.string().optional(),
      coder: z.string().optional(),
      reviewer: z.string().optional(),
      mediator: z.string().optional(),
      verifier: z.string().optional(),
    })
    .default({})
    .describe(
      'Per-role models (planner, coder, reviewer, mediator, verifier), each provider/model',
    ),
  baseUrl: z
    .url()
    .optional()
    .describe(
      "Base URL of the openai-compatible provider (any server speaking OpenAI's chat API).",
    ),
  providers: z
    .record(z.string(), providerSettingsSchema)
    .default({})
    .describe(
      'Settings per provider: apiKey ({env:VAR}), baseUrl, maxConcurrentCalls, structuredOutputs',
    ),
  prices: z
    .record(z.string(), modelPriceSchema)
    .default({})
    .describe('Prices per provider/model, overriding or adding to the built-in table.'),
  call: callSettingsSchema
    .default(callSettingsSchema.parse({}))
    .describe('Timeouts, retries and streaming of each model call'),
});
export type ModelSettings = z.infer<typeof modelSettingsSchema>;
