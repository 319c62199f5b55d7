import { z } from 'zod';

/** Where a fact comes from: journal entries (`event:<seq>`, `model-call:<seq>`, `run:<id>`). */
const cites = z.array(z.string());

export const proofHeadlines = ['VERIFIED', 'VERIFIED WITH GAPS', 'NOT VERIFIED'] as const;
export type ProofHeadline = (typeof proofHeadlines)[number];

/** One command the orchestrator ran on the product, as it exited. */
export const commandFactSchema = z.object({
  kind: z.enum(['test']),
  taskId: z.string(),
  round: z.number(),
  command: z.string(),
  exitCode: z.number().nullable(),
  passed: z.number(),
  failed: z.number(),
  total: z.number(),
  coveragePercent: z.number().nullable(),
  cites,
});

/** What was measured, by Loki's own runs of tools and git: never an agent's word. */
export const proofFactsSchema = z.object({
  run: z.object({
    runId: z.string(),
    status: z.string(),
    stopReason: z.string().nullable(),
    cites,
  }),
  prd: z.object({ sha256: z.string(), cites }),
  repository: z
    .object({
      root: z.string(),
      branch: z.string(),
      base: z.string(),
      head: z.string(),
      /** sha256 of `git diff --binary base head`. */
      diffSha256: z.string(),
      cites,
    })
    .nullable(),
  commands: z.array(commandFactSchema),
  gates: z
    .object({
      commit: z.string(),
      passed: z.boolean(),
      gates: z.array(
        z.object({
          gate: z.string(),
          passed: z.boolean(),
          measured: z.string(),
          threshold: z.string(),
        }),
      ),
      cites,
    })
    .nullable(),
  audit: z
    .object({ passed: z.boolean(), findings: z.number(), blocking: z.number(), cites })
    .nullable(),
  deployment: z.object({ healthy: z.boolean(), detail: z.unknown(), cites }).nullable(),
  /**
   * The product's acceptance criteria as Loki's own checks last judged them on the merged
   * product (held-out ones marked); absent in receipts written before acceptance existed, null
   * when no criterion was checked.
   */
  acceptance: z
    .object({
      criteria: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          heldOut: z.boolean(),
          passed: z.boolean(),
          /** The run of the checks it comes from (0: before any remediation). */
          round: z.number(),
          checks: z.array(
            z.object({
              kind: z.string(),
              subject: z.string(),
              passed: z.boolean(),
              observed: z.string(),
            }),
          ),
          cites,
        }),
      ),
    })
    .nullable()
    .optional(),
  /** Findings of deterministic analyzers (the guard, test integrity): facts. */
  analyzerFindings: z.array(
    z.object({
      source: z.string(),
      severity: z.string(),
      file: z.string(),
      line: z.number(),
      title: z.string(),
      blocking: z.boolean(),
      cites,
    }),
  ),
  usage: z.object({
    calls: z.number(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
    cites,
  }),
});
export type ProofFacts = z.infer<typeof proofFactsSchema>;

/** Opinions (the model reviewers'): reported, never counted as evidence. */
export const proofAssessmentSchema = z.object({
  source: z.string(),
  severity: z.string(),
  file: z.string(),
  line: z.number(),
  title: z.string(),
  cites,
});

export const proofSchema = z.object({
  version: z.literal(1),
  generatedAt: z.string(),
  headline: z.enum(proofHeadlines),
  /** Every reason the headline is not VERIFIED, one sentence each. */
  gaps: z.array(z.string()),
  facts: proofFactsSchema,
  assessments: z.array(proofAssessmentSchema),
  /** sha256 over the canonical JSON of `facts`: any edit of a fact shows. */
  factsSha256: z.string(),
});
export type Proof = z.infer<typeof proofSchema>;
