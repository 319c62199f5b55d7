import packageJson from '../../package.json' with { type: 'json' };
import { LokiError, createRedactor, type Clock, systemClock } from '../core/index.ts';
import type { Journal } from '../journal/index.ts';
import type { TreeHashes } from './file-hashes.ts';
import {
  macroFormatVersion,
  macroSchema,
  macroTaskGraphSchema,
  type Macro,
  type MacroDecision,
  type MacroToolResult,
} from './macro-schema.ts';

/** The events that record a decision of the run, kept in the macro in the order they happened. */
const decisionTypes = new Set([
  'tasks-planned',
  'task-finished',
  'tests-ran',
  'merge-finished',
  'finding-raised',
  'audit-finished',
  'stage-finished',
  'stage-failed',
  'stage-skipped',
  'warning-raised',
]);

export interface BuildMacroOptions {
  journal: Journal;
  runId: string;
  /** The product's files as they are now, hashed. */
  tree: TreeHashes;
  /** Values that must never appear in the macro (keys from the environment). */
  secrets: readonly string[];
  /**
   * The run's outcome when it is still running: the macro-recording stage is the last stage,
   * reached only when every stage before it passed.
   */
  outcome?: { status: string; stopReason: string | null };
  clock?: Clock;
}

/**
 * A run of the journal as a macro: its PRD, plan, model exchanges, tool results, decisions,
 * outcome and the hashes of the files it produced. Every known secret and credential-shaped
 * string is redacted from the whole macro before it is returned.
 */
export function buildMacro(options: BuildMacroOptions): Macro {
  const { journal, runId, tree } = options;
  const run = journal.getRun(runId);
  if (!run) {
    throw new LokiError({
      code: 'macro.run-not-found',
      category: 'bad-input',
      message: `there is no run "${runId}" in ${journal.path}; list runs with loki runs`,
      details: { runId },
    });
  }
  const events = journal.listEvents(runId);
  const toolResults: MacroToolResult[] = [];
  const decisions: MacroDecision[] = [];
  const stages: Macro['run']['stages'] = [];
  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    if (event.type === 'tool-called') {
      toolResults.push({
        at: event.at,
        agent: textOf(data['agent']) ?? '',
        tool: textOf(data['tool']) ?? '',
        input: textOf(data['input']) ?? '',
        ok: data['ok'] === true,
        output: textOf(data['output']) ?? '',
      });
    }
    if (decisionTypes.has(event.type)) decisions.push({ at: event.at, type: event.type, data });
    if (event.type.startsWith('stage-') && event.type !== 'stage-started') {
      stages.push({
        stage: textOf(data['stage']) ?? '',
        outcome: event.type.slice('stage-'.length),
        summary: textOf(data['summary']) ?? textOf(data['reason']) ?? messageOf(data['error']),
      });
    }
  }
  const plan = macroTaskGraphSchema.safeParse(
    journal.getCheckpoint(runId, 'decomposition')?.output,
  );
  const settings = run.settings as Record<string, unknown>;
  const macro: Macro = {
    format: 'loki-macro',
    version: macroFormatVersion,
    id: runId,
    lokiVersion: packageJson.version,
    exportedAt: (options.clock ?? systemClock).now(),
    run: {
      runId,
      kind: typeof settings['kind'] === 'string' ? settings['kind'] : 'run',
      status: options.outcome?.status ?? run.status,
      stopReason: options.outcome ? options.outcome.stopReason : run.stopReason,
      outDir: run.outDir,
      settings,
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
      stages,
    },
    prd: { path: run.prdPath, text: run.prd },
    taskGraph: plan.success ? plan.data : null,
    exchanges: journal.listModelCalls(runId).map((call) => ({
      seq: call.seq,
      stage: call.stage,
      agent: call.agent,
      role: call.role,
      provider: call.provider,
      modelId: call.modelId,
      requestHash: call.requestHash,
      request: call.request,
      response: call.response,
      error: call.error,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      costUsd: call.costUsd,
      latencyMs: call.latencyMs,
    })),
    toolResults,
    decisions,
    files: tree.files,
    treeHash: tree.treeHash,
  };
  // The journal is already redacted as it is written; a macro leaves the machine, so again.
  return macroSchema.parse(createRedactor(options.secrets)(macro));
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : '';
}
