import { LokiError, randomIdGenerator, systemClock } from '../core/index.ts';
import { lokiConfigSchema, type LokiConfigInput } from '../config/index.ts';
import { executeRun, prepareModels, withMemory, type RunOutcome } from './execute-run.ts';
import { parsePrd, type Prd } from './prd.ts';
import type { RunServices } from './run-services.ts';
import { runSettingsSchema, type RunSettings } from './run-settings.ts';

export interface RunRequest {
  prd: Prd;
  outDir: string;
  /** The merged configuration as written; kept with the run for resume. */
  config: LokiConfigInput;
  /** `run`: all eight stages; `plan`: the task graph only. */
  kind: RunSettings['kind'];
}

/** Starts a new run of a PRD. Models are checked before anything is journaled. */
export async function startRun(request: RunRequest, services: RunServices): Promise<RunOutcome> {
  const clock = services.clock ?? systemClock;
  const config = lokiConfigSchema.parse(request.config);
  const catalog = await prepareModels(config, services);
  return withMemory(config, services, (memory) => {
    const runId = (services.generateId ?? randomIdGenerator)('run');
    const settings: RunSettings = { kind: request.kind, config: request.config };
    services.journal.createRun({
      runId,
      prd: request.prd.text,
      prdPath: request.prd.path,
      outDir: request.outDir,
      settings,
      createdAt: clock.now(),
    });
    return executeRun(
      { runId, prd: request.prd, outDir: request.outDir, settings, resumed: false, spentMs: 0 },
      catalog,
      { ...services, memory },
    );
  });
}

/**
 * Continues a run that stopped (a limit, an interrupt) or died (a crash, `kill -9`): stages
 * already checkpointed are restored and model calls already answered are served from the
 * journal. `overrides` may raise limits (`maxTime`, `budgetUsd`) or change other settings.
 */
export async function resumeRun(
  runId: string,
  services: RunServices,
  overrides: Partial<LokiConfigInput> = {},
): Promise<RunOutcome> {
  const run = services.journal.getRun(runId);
  if (!run) {
    throw new LokiError({
      code: 'run.not-found',
      category: 'bad-input',
      message: `there is no run "${runId}" in ${services.journal.path}; list runs with loki runs`,
      details: { runId },
    });
  }
  if (run.status === 'succeeded') {
    throw new LokiError({
      code: 'run.already-finished',
      category: 'bad-input',
      message: `run ${runId} already ${run.status}; there is nothing to resume. Start a new run with loki run.`,
      details: { runId, status: run.status },
    });
  }
  if (run.status === 'running' && run.pid !== null && run.pid !== process.pid && isAlive(run.pid)) {
    throw new LokiError({
      code: 'run.still-running',
      category: 'bad-input',
      message: `run ${runId} is still running in process ${run.pid}; wait for it or stop that process first`,
      details: { runId, pid: run.pid },
    });
  }
  const stored = runSettingsSchema.parse(run.settings);
  if (stored.kind !== 'run' && stored.kind !== 'plan') {
    throw new LokiError({
      code: 'run.not-resumable',
      category: 'bad-input',
      message: `run ${runId} is a single \`loki ${stored.kind}\` on a directory; run that command again instead of resuming it`,
      details: { runId, kind: stored.kind },
    });
  }
  const settings: RunSettings = {
    kind: stored.kind,
    config: { ...(stored.config as LokiConfigInput), ...dropUndefined(overrides) },
  };
  const config = lokiConfigSchema.parse(settings.config);
  const catalog = await prepareModels(config, services);
  const prd = parsePrd(run.prd, run.prdPath);
  return withMemory(config, services, (memory) =>
    executeRun(
      { runId, prd, outDir: run.outDir, settings, resumed: true, spentMs: run.activeMs },
      catalog,
      { ...services, memory },
    ),
  );
}

/** Whether a process exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function dropUndefined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
