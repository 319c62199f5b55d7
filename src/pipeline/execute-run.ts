import { LokiError, createRedactor, secretValuesOf, systemClock } from '../core/index.ts';
import { lokiConfigSchema, type LokiConfig } from '../config/index.ts';
import {
  EventBus,
  createJournalSink,
  createRelay,
  type RunStatus,
  type RunSummary,
} from '../events/index.ts';
import { openMemoryStore, resolveMemoryLocation, type MemoryStore } from '../memory/index.ts';
import { ModelCatalog, ModelGateway, checkModelAccess } from '../model/index.ts';
import { pipelineStages, planStages } from './pipeline-stages.ts';
import type { Prd } from './prd.ts';
import type { RunContext } from './run-context.ts';
import { RunLimits } from './run-limits.ts';
import type { RunServices } from './run-services.ts';
import type { RunSettings } from './run-settings.ts';
import type { RunState } from './run-state.ts';
import { needsDecisionCode } from './resolution/needs-decision.ts';
import { runStages } from './run-stages.ts';
import { writeProof } from './proof/write-proof.ts';
import { acceptanceSummaryOf } from './acceptance/acceptance-output.ts';

export interface RunOutcome {
  summary: RunSummary;
  state: RunState;
}

/** Everything needed to (re)start the session of a run whose record already exists. */
export interface RunSession {
  runId: string;
  prd: Prd;
  outDir: string;
  settings: RunSettings;
  resumed: boolean;
  /** Active time already spent by earlier sessions. */
  spentMs: number;
}

/**
 * Runs `work` with the run's memory store: the one handed in, or the one the config and
 * environment name, opened here (so a bad location fails before the run starts) and closed after.
 */
export async function withMemory<T>(
  config: LokiConfig,
  services: RunServices,
  work: (memory: MemoryStore) => Promise<T>,
): Promise<T> {
  if (services.memory) return work(services.memory);
  const memory = await openMemoryStore(
    resolveMemoryLocation({ target: config.memory, env: services.env }),
  );
  try {
    return await work(memory);
  } finally {
    await memory.close();
  }
}

/** Builds the model catalog of a config and checks every model in it can be reached. */
export async function prepareModels(
  config: LokiConfig,
  services: RunServices,
): Promise<ModelCatalog> {
  const catalog = new ModelCatalog(config, services.env, services.createModel);
  await checkModelAccess(catalog, services.fetch);
  return catalog;
}

/**
 * Runs one session of a run: wires events, limits and the model gateway, runs the stages
 * (restoring checkpointed ones), and records the outcome and summary in the journal.
 */
export async function executeRun(
  session: RunSession,
  catalog: ModelCatalog,
  services: RunServices & { memory: MemoryStore },
): Promise<RunOutcome> {
  const { journal } = services;
  const clock = services.clock ?? systemClock;
  const config = lokiConfigSchema.parse(session.settings.config);
  const events = new EventBus(session.runId, clock);
  const redact = createRedactor(secretValuesOf(services.env));
  const journalSink = createJournalSink(journal);
  events.subscribe((event) => journalSink.sink(redact(event)));
  for (const sink of services.sinks ?? []) events.subscribe(sink);
  // Chat webhooks of the config: queued, so a slow chat never holds the run up. A warning
  // after run-finished goes to the journal only: run-finished stays the last event shown.
  let finished = false;
  const relay = createRelay(config.relay, {
    env: services.env,
    warn: (message) =>
      finished
        ? journalSink.sink({
            type: 'warning-raised',
            message,
            runId: session.runId,
            at: clock.now(),
          })
        : events.emit({ type: 'warning-raised', message }),
  });
  events.subscribe((event) => relay.sink(redact(event)));

  const stages = session.settings.kind === 'plan' ? planStages : pipelineStages;
  const limits = new RunLimits({
    maxTimeMs: config.maxTime,
    budgetUsd: config.budgetUsd,
    spentMs: session.spentMs,
    spentUsd: journal.usageTotals(session.runId).total.costUsd,
    events,
    clock,
  });
  const onOutsideAbort = () =>
    limits.abort(
      new LokiError({
        code: 'run.interrupted',
        category: 'limit-reached',
        message: `the run was interrupted; continue it with loki resume ${session.runId}`,
        details: { runId: session.runId },
      }),
    );
  if (services.signal?.aborted) onOutsideAbort();
  services.signal?.addEventListener('abort', onOutsideAbort, { once: true });
  journal.updateRun(session.runId, { status: 'running', pid: process.pid, updatedAt: clock.now() });
  try {
    events.emit({
      type: 'run-started',
      prdPath: session.prd.path,
      outDir: session.outDir,
      models: catalog.describe(),
      resumed: session.resumed,
      stages: stages.map((stage) => ({
        stage: stage.name,
        title: stage.title,
        built: stage.run !== undefined,
      })),
    });
    const gateway = new ModelGateway({
      catalog,
      runId: session.runId,
      journal,
      events,
      signal: limits.signal,
      secrets: secretValuesOf(services.env),
      clock,
    });
    const context: RunContext = {
      runId: session.runId,
      prd: session.prd,
      outDir: session.outDir,
      config,
      journal,
      events,
      gateway,
      memory: services.memory,
      signal: limits.signal,
      clock,
    };
    const { outcomes, state, error } = await runStages(context, stages);
    const { status, stopReason } = statusOf(error);
    const summary: RunSummary = {
      runId: session.runId,
      status,
      stopReason,
      durationMs: limits.elapsedMs(),
      stages: outcomes,
      usage: journal.usageTotals(session.runId),
      error: error ? error.toJSON() : null,
      outDir: session.outDir,
      ...acceptanceSummaryOf(state),
    };
    journal.updateRun(session.runId, {
      status,
      stopReason,
      summary,
      activeMs: summary.durationMs,
      pid: null,
      finishedAt: status === 'stopped' || status === 'needs_decision' ? null : clock.now(),
      updatedAt: clock.now(),
    });
    if (session.settings.kind !== 'plan') {
      journalSink.flush();
      summary.proof = await receiptOf(journal, session.runId, new Date(clock.now()), events);
      journal.updateRun(session.runId, { summary, updatedAt: clock.now() });
    }
    events.emit({ type: 'run-finished', summary });
    finished = true;
    journalSink.flush();
    return { summary, state };
  } finally {
    services.signal?.removeEventListener('abort', onOutsideAbort);
    limits.dispose();
    finished = true;
    await relay.close();
    journalSink.flush();
  }
}

/** The run's evidence receipt, written beside the journal; a failure to write it is a warning. */
async function receiptOf(
  journal: RunServices['journal'],
  runId: string,
  now: Date,
  events: EventBus,
): Promise<RunSummary['proof']> {
  try {
    const { path, proof } = await writeProof(journal, runId, now);
    return { path, headline: proof.headline, gaps: proof.gaps };
  } catch (error) {
    events.emit({
      type: 'warning-raised',
      message: `the run's evidence receipt (proof.json) could not be written: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
}

function statusOf(error: LokiError | null): { status: RunStatus; stopReason: string | null } {
  if (!error) return { status: 'succeeded', stopReason: null };
  if (error.code === needsDecisionCode)
    return { status: 'needs_decision', stopReason: 'needs-decision' };
  if (error.category === 'limit-reached') {
    const reasons: Record<string, string> = {
      'limit.time': 'time-limit',
      'limit.budget': 'budget',
      'run.interrupted': 'interrupted',
      'limit.size': 'size-limit',
    };
    return { status: 'stopped', stopReason: reasons[error.code] ?? error.code };
  }
  return { status: 'failed', stopReason: error.code };
}
