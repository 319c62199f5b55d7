import { z } from 'zod';

/** The format version this Loki writes; a file of a newer version is refused, not guessed at. */
export const macroFormatVersion = 1;

/** One task of the recorded plan, as much of it as a macro needs to show and teach. */
export const macroTaskSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  dependsOn: z.array(z.string()),
});

/** The plan of the run: the decomposition stage's task graph. */
export const macroTaskGraphSchema = z.looseObject({
  summary: z.string(),
  tasks: z.array(macroTaskSchema),
});
export type MacroTaskGraph = z.infer<typeof macroTaskGraphSchema>;

/** One model exchange as the journal holds it: the request as sent and the reply as received. */
export const macroExchangeSchema = z.object({
  /** The order the run recorded it in. */
  seq: z.int(),
  stage: z.string(),
  agent: z.string(),
  role: z.string(),
  provider: z.string(),
  modelId: z.string(),
  requestHash: z.string(),
  /** The provider call options (`prompt`, tools…), redacted. */
  request: z.unknown(),
  /** The normalised reply (`text`, `toolCalls`, `finishReason`, `usage`); null for a failed call. */
  response: z.unknown(),
  error: z.unknown(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
  latencyMs: z.number(),
});
export type MacroExchange = z.infer<typeof macroExchangeSchema>;

/** A tool a sub-agent ran and what it answered (cut short; the full text is in the exchanges). */
export const macroToolResultSchema = z.object({
  at: z.number(),
  agent: z.string(),
  tool: z.string(),
  input: z.string(),
  ok: z.boolean(),
  output: z.string(),
});
export type MacroToolResult = z.infer<typeof macroToolResultSchema>;

/** A decision the run took: a plan, a task's end, a merge, a test run, a finding, a stage's end. */
export const macroDecisionSchema = z.object({
  at: z.number(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type MacroDecision = z.infer<typeof macroDecisionSchema>;

/** A sha256 hex digest. */
const digestSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 digest: 64 hex digits');

/**
 * A macro: one finished run as one reproducible file. Replaying it serves every model reply
 * from `exchanges` and must produce exactly `files` (compared through `treeHash`).
 */
export const macroSchema = z.object({
  format: z.literal('loki-macro'),
  version: z.literal(macroFormatVersion),
  /** The recorded run's id: one macro per run. */
  id: z.string().min(1),
  lokiVersion: z.string(),
  exportedAt: z.number(),
  run: z.object({
    runId: z.string(),
    kind: z.string(),
    status: z.string(),
    stopReason: z.string().nullable(),
    outDir: z.string(),
    /** What the run was asked to do (the config as written; keys are only ever referenced). */
    settings: z.record(z.string(), z.unknown()),
    createdAt: z.number(),
    finishedAt: z.number().nullable(),
    /** Each stage's outcome and one-line summary. */
    stages: z.array(z.object({ stage: z.string(), outcome: z.string(), summary: z.string() })),
  }),
  prd: z.object({ path: z.string().nullable(), text: z.string() }),
  taskGraph: macroTaskGraphSchema.nullable(),
  exchanges: z.array(macroExchangeSchema),
  toolResults: z.array(macroToolResultSchema),
  decisions: z.array(macroDecisionSchema),
  /** Every file of the product, by path relative to it (forward slashes): its sha256. */
  files: z.record(z.string(), digestSchema),
  treeHash: digestSchema,
});
export type Macro = z.infer<typeof macroSchema>;
