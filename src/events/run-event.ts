import { z } from 'zod';
import { runStatuses } from '../journal/index.ts';

/** Tokens and cost spent, per call or summed. */
export const usageSchema = z.object({
  calls: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
});
export type Usage = z.infer<typeof usageSchema>;

export const runStatusSchema = z.enum(runStatuses);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const errorInfoSchema = z.object({
  code: z.string(),
  category: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

export const stageOutcomeSchema = z.object({
  stage: z.string(),
  title: z.string(),
  outcome: z.enum(['done', 'restored', 'not-built', 'failed', 'not-reached']),
  durationMs: z.number(),
  summary: z.string(),
});
export type StageOutcome = z.infer<typeof stageOutcomeSchema>;

export const runSummarySchema = z.object({
  runId: z.string(),
  status: runStatusSchema,
  stopReason: z.string().nullable(),
  durationMs: z.number(),
  stages: z.array(stageOutcomeSchema),
  usage: z.object({
    total: usageSchema,
    byModel: z.record(z.string(), usageSchema),
    byRole: z.record(z.string(), usageSchema),
  }),
  error: errorInfoSchema.nullable(),
  outDir: z.string(),
  /**
   * The product's acceptance criteria as last checked on the merged product, held-out ones
   * marked; `note` says why none were checked (the plan named none, a partial build).
   */
  acceptance: z
    .object({
      note: z.string().nullable(),
      criteria: z.array(
        z.object({ id: z.string(), text: z.string(), heldOut: z.boolean(), passed: z.boolean() }),
      ),
    })
    .optional(),
  /** The evidence receipt: where it is, its headline and every gap it names. */
  proof: z
    .object({
      path: z.string(),
      headline: z.enum(['VERIFIED', 'VERIFIED WITH GAPS', 'NOT VERIFIED']),
      gaps: z.array(z.string()),
    })
    .optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** Tests of a task as run by the orchestrator: counts and line coverage. */
export const testCountsSchema = z.object({
  passed: z.number(),
  failed: z.number(),
  skipped: z.number(),
  total: z.number(),
  coveragePercent: z.number().nullable(),
});
export type TestCounts = z.infer<typeof testCountsSchema>;

/**
 * What a target's monitor sees happen to a live release after its promotion: it answered its
 * health check (first, or again), stopped answering it, its process exited (a restart follows),
 * it was restarted, it was given up on, or the traffic went back to an earlier release.
 */
export const deploymentHealthChanges = [
  'healthy',
  'unhealthy',
  'exited',
  'restarted',
  'failed',
  'rolled-back',
] as const;

const modelCallFields = {
  callId: z.string(),
  stage: z.string(),
  agent: z.string(),
  role: z.string(),
  model: z.string(),
};

/**
 * Every fact a run reports, past tense, noun then verb. One union, one place: the journal,
 * the terminal, `--json`, the dashboard and chat relays all read these.
 */
export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-started'),
    prdPath: z.string().nullable(),
    outDir: z.string(),
    models: z.record(z.string(), z.string()),
    resumed: z.boolean(),
    stages: z.array(z.object({ stage: z.string(), title: z.string(), built: z.boolean() })),
  }),
  z.object({ type: z.literal('stage-started'), stage: z.string(), title: z.string() }),
  z.object({
    type: z.literal('stage-restored'),
    stage: z.string(),
    title: z.string(),
    summary: z.string(),
  }),
  z.object({
    type: z.literal('stage-finished'),
    stage: z.string(),
    title: z.string(),
    durationMs: z.number(),
    summary: z.string(),
  }),
  z.object({
    type: z.literal('stage-skipped'),
    stage: z.string(),
    title: z.string(),
    reason: z.string(),
  }),
  z.object({
    type: z.literal('stage-failed'),
    stage: z.string(),
    title: z.string(),
    error: errorInfoSchema,
  }),
  z.object({
    type: z.literal('tasks-planned'),
    tasks: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: z.string(),
        dependsOn: z.array(z.string()),
      }),
    ),
  }),
  z.object({
    type: z.literal('task-started'),
    taskId: z.string(),
    name: z.string(),
    role: z.string(),
  }),
  z.object({
    type: z.literal('task-finished'),
    taskId: z.string(),
    status: z.enum(['done', 'failed', 'skipped']),
    reason: z.string().nullable(),
    summary: z.string(),
    commit: z.string().nullable(),
    filesChanged: z.number(),
    tests: testCountsSchema.nullable(),
    rounds: z.number(),
  }),
  z.object({
    type: z.literal('tests-ran'),
    taskId: z.string(),
    round: z.number(),
    passed: z.boolean(),
    counts: testCountsSchema,
    /** The command the orchestrator ran, and how it exited (null: killed). */
    command: z.string().optional(),
    exitCode: z.number().nullable().optional(),
  }),
  z.object({
    type: z.literal('stack-chosen'),
    /** A framework profile (express, fastapi…) or a language (node, python). */
    stack: z.string(),
    /** Asked for (`--stack`), the product directory's, or named by the PRD. */
    source: z.enum(['requested', 'project', 'prd']),
    reason: z.string(),
  }),
  z.object({
    type: z.literal('repository-opened'),
    root: z.string(),
    /** Main's commit when the run first opened the product: the base of everything it built. */
    base: z.string(),
  }),
  z.object({
    type: z.literal('gates-measured'),
    /** The product's commit the gates measured. */
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
  }),
  z.object({
    type: z.literal('acceptance-checked'),
    /** 0: the first check of the merged product; n: after n rounds of remediation. */
    round: z.number(),
    criterionId: z.string(),
    criterion: z.string(),
    /** Withheld from the coding agents. */
    heldOut: z.boolean(),
    passed: z.boolean(),
    /** Each check Loki ran for it: what, what was expected, what happened. */
    checks: z.array(
      z.object({
        kind: z.string(),
        subject: z.string(),
        passed: z.boolean(),
        expected: z.string(),
        observed: z.string(),
      }),
    ),
  }),
  z.object({
    type: z.literal('merge-finished'),
    taskId: z.string(),
    status: z.enum(['merged', 'unresolved']),
    conflictedFiles: z.array(z.string()),
    reason: z.string().nullable(),
  }),
  z.object({
    type: z.literal('tool-called'),
    agent: z.string(),
    tool: z.string(),
    /** The call's input and the result, cut short: the full exchange is in the model calls. */
    input: z.string(),
    ok: z.boolean(),
    output: z.string(),
  }),
  z.object({
    type: z.literal('finding-raised'),
    stage: z.string(),
    /** Who found it: the guard, or a reviewer (security, performance, architecture). */
    source: z.string(),
    severity: z.string(),
    file: z.string(),
    line: z.number(),
    title: z.string(),
    /** Whether it fails its gate (the audit policy, the review's fail level). */
    blocking: z.boolean(),
    /** The lesson it contradicts, for a memory conflict. */
    lessonId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('debate-finished'),
    findingId: z.string(),
    lessonId: z.string(),
    decision: z.enum(['REMEDIATE', 'EVOLVE', 'ESCALATE']),
    /** The mediator model, or a person through `loki decide`. */
    decidedBy: z.enum(['mediator', 'person']),
    justification: z.string(),
  }),
  z.object({
    type: z.literal('audit-finished'),
    passed: z.boolean(),
    findings: z.number(),
    blocking: z.number(),
    filesScanned: z.number(),
    bytesScanned: z.number(),
    durationMs: z.number(),
  }),
  z.object({
    type: z.literal('deployment-finished'),
    target: z.string(),
    project: z.string(),
    /** The release deployed (or that failed and was rolled back); null when none was built. */
    version: z.number().nullable(),
    /** The stable URL, serving this release when `healthy`, the previous one otherwise. */
    url: z.string().nullable(),
    healthy: z.boolean(),
    reason: z.string().nullable(),
  }),
  z.object({
    type: z.literal('deployment-health-changed'),
    target: z.string(),
    project: z.string(),
    /** The live release it happened to. */
    version: z.number(),
    change: z.enum(deploymentHealthChanges),
    /** What happened, for people: `v2 exited with code 1; restart 1 of 3 in 1 s`. */
    message: z.string(),
    /** When the target's monitor saw it (ISO); the event's own time is when the run learned it. */
    seenAt: z.string(),
  }),
  z.object({ type: z.literal('model-call-started'), ...modelCallFields }),
  z.object({
    type: z.literal('model-call-finished'),
    ...modelCallFields,
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
    latencyMs: z.number(),
    fromJournal: z.boolean(),
  }),
  z.object({
    type: z.literal('model-call-retried'),
    ...modelCallFields,
    attempt: z.number(),
    delayMs: z.number(),
    reason: z.string(),
  }),
  z.object({ type: z.literal('model-call-failed'), ...modelCallFields, error: errorInfoSchema }),
  z.object({
    type: z.literal('limit-approached'),
    limit: z.enum(['time', 'budget', 'size']),
    used: z.number(),
    max: z.number(),
  }),
  z.object({
    type: z.literal('limit-reached'),
    limit: z.enum(['time', 'budget', 'size']),
    used: z.number(),
    max: z.number(),
  }),
  z.object({ type: z.literal('warning-raised'), message: z.string() }),
  z.object({ type: z.literal('run-finished'), summary: runSummarySchema }),
]);

/** The body of an event, before the bus stamps it with its run and time. */
export type RunEventBody = z.infer<typeof runEventSchema>;
export type RunEventType = RunEventBody['type'];

/** An event as delivered to sinks: the body plus the run it belongs to and when it happened. */
export type RunEvent = RunEventBody & { runId: string; at: number };
export type RunEventOf<Type extends RunEventType> = Extract<RunEvent, { type: Type }>;
