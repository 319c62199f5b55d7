import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LokiError, systemClock } from '../../core/index.ts';
import type { LokiConfigInput } from '../../config/index.ts';
import type { RunSummary } from '../../events/index.ts';
import {
  firstFileDivergence,
  type Divergence,
  type Macro,
  type TreeHashes,
} from '../../macro/index.ts';
import { openMemoryStore } from '../../memory/index.ts';
import { parsePrd } from '../prd.ts';
import type { RunServices } from '../run-services.ts';
import { startRun } from '../start-run.ts';
import { productTree } from './product-tree.ts';
import { ReplayModel } from './replay-model.ts';

/** What a replay needs from outside: the journal it is recorded in, and where events go. */
export type ReplayServices = Pick<
  RunServices,
  'journal' | 'clock' | 'generateId' | 'sinks' | 'signal'
>;

export interface ReplayOutcome {
  /** The replay's own run in the journal. */
  runId: string;
  summary: RunSummary;
  treeHash: string;
  expectedTreeHash: string;
  /** True when the replay produced exactly the recorded files and ended as the run did. */
  identical: boolean;
  /** The first place the replay left the recorded run; null when it never did. */
  divergence: Divergence | null;
  /** Replies served from the macro; no model is called. */
  exchangesServed: number;
  /** Successful exchanges the macro holds. */
  exchangesRecorded: number;
}

/**
 * Re-executes a macro's run into `outDir` with no model: every reply comes from the macro, every
 * tool really runs, every file is really written. The result is compared with the recorded
 * run, call by call as it goes (stopping at the first divergence) and file by file at the end.
 */
export async function replayMacro(
  request: { macro: Macro; outDir: string },
  services: ReplayServices,
): Promise<ReplayOutcome> {
  const { macro, outDir } = request;
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new LokiError({
      code: 'macro.out-not-empty',
      category: 'bad-input',
      message: `${outDir} is not empty; a replay builds the product from nothing. Give --out a new directory.`,
      details: { outDir },
    });
  }
  const stop = new AbortController();
  const onOutsideAbort = () => stop.abort(services.signal?.reason);
  services.signal?.addEventListener('abort', onOutsideAbort, { once: true });
  const modelId = `macro-${macro.id}`;
  // The run is stopped once the failing call has ended: aborting while it is in flight would
  // leave its own rejection unobserved.
  const model = new ReplayModel(macro, modelId, () => setImmediate(() => stop.abort()));
  // The replay learns nothing and is taught nothing: memory of its own, thrown away after.
  const memoryDir = mkdtempSync(join(tmpdir(), 'loki-replay-memory-'));
  const memory = await openMemoryStore({ kind: 'sqlite', path: join(memoryDir, 'memory.db') });
  try {
    const { summary: ended } = await startRun(
      {
        prd: parsePrd(macro.prd.text, macro.prd.path),
        outDir,
        config: replayConfig(macro, modelId),
        kind: macro.run.kind === 'plan' ? 'plan' : 'run',
      },
      {
        ...services,
        env: {},
        memory,
        signal: stop.signal,
        // Every role gets the replay model: there is no other model to call.
        createModel: () => model,
      },
    );
    const summary = model.divergence ? markDiverged(ended, services) : ended;
    const tree = await treeOrNothing(outDir);
    const divergence =
      model.divergence ??
      firstFileDivergence(macro, tree.files) ??
      statusDivergence(macro, summary);
    return {
      runId: summary.runId,
      summary,
      treeHash: tree.treeHash,
      expectedTreeHash: macro.treeHash,
      identical: divergence === null,
      divergence,
      exchangesServed: model.served,
      exchangesRecorded: macro.exchanges.filter((exchange) => exchange.error === null).length,
    };
  } finally {
    services.signal?.removeEventListener('abort', onOutsideAbort);
    await memory.close();
    rmSync(memoryDir, { recursive: true, force: true });
  }
}

/**
 * A replay stopped at a divergence failed; it is not a run to resume (its model is the macro,
 * which would diverge again at the same place).
 */
function markDiverged(summary: RunSummary, services: ReplayServices): RunSummary {
  if (summary.status !== 'stopped') return summary;
  const now = (services.clock ?? systemClock).now();
  const failed: RunSummary = { ...summary, status: 'failed', stopReason: 'macro.diverged' };
  services.journal.updateRun(summary.runId, {
    status: 'failed',
    stopReason: failed.stopReason,
    summary: failed,
    finishedAt: now,
    updatedAt: now,
  });
  return failed;
}

/** The recorded run's settings, with the replay model for every role and no budget to spend. */
function replayConfig(macro: Macro, modelId: string): LokiConfigInput {
  const recorded = (macro.run.settings['config'] ?? {}) as Record<string, unknown>;
  const replaced = ['model', 'roles', 'baseUrl', 'providers', 'budgetUsd', 'journal', 'memory'];
  const kept = Object.fromEntries(
    Object.entries(recorded).filter(([key]) => !replaced.includes(key)),
  );
  return { ...kept, model: `scripted/${modelId}` };
}

/** The product's files; none when the replay stopped before there was a product. */
async function treeOrNothing(outDir: string): Promise<TreeHashes> {
  try {
    return await productTree(outDir);
  } catch {
    return { files: {}, treeHash: '' };
  }
}

function statusDivergence(macro: Macro, summary: RunSummary): Divergence | null {
  if (summary.status === macro.run.status) return null;
  return {
    kind: 'status',
    expected: macro.run.status,
    actual: summary.status,
    reason: summary.error?.message ?? summary.stopReason ?? 'no reason recorded',
  };
}
