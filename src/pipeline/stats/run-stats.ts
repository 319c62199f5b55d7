import type { Journal } from '../../journal/index.ts';
import type { RunKind } from '../run-settings.ts';
import { runFiguresOf, type RunFigures } from './run-figures.ts';

/** Success, time, cost and quality over a set of runs. Means are over the runs that have the figure. */
export interface RunAggregate {
  runs: number;
  /** Runs no longer running: the ones a success rate is taken over. */
  finished: number;
  succeeded: number;
  /** `succeeded / finished`, 0 to 1; `null` when none finished. */
  successRate: number | null;
  /** Mean working time of the finished runs. */
  meanDurationMs: number | null;
  meanCostUsd: number | null;
  meanTokens: number | null;
  /** Mean quality score of the runs whose gates ran. */
  meanQualityScore: number | null;
  totalCostUsd: number;
}

/** One calendar day (UTC) of runs, for a chart. */
export interface DayFigures extends RunAggregate {
  /** `YYYY-MM-DD`. */
  day: string;
}

/** How the newer half of the runs compares with the older half: newer minus older. */
export interface RunTrend {
  successRate: number | null;
  meanDurationMs: number | null;
  meanCostUsd: number | null;
  meanQualityScore: number | null;
}

export interface RunStats {
  /** The runs counted, newest first. */
  runs: RunFigures[];
  overall: RunAggregate;
  /** The newer half of `runs` (the larger half when odd). */
  recent: RunAggregate;
  /** The older half of `runs`. */
  previous: RunAggregate;
  trend: RunTrend;
  byDay: DayFigures[];
}

export interface RunStatsOptions {
  /** Only the newest this many runs (default 50). */
  last?: number;
  /** Only runs of these kinds (default: whole runs, `run`). Empty: every kind. */
  kinds?: readonly RunKind[];
}

/**
 * Stats over the runs of a journal: per run, status, time, cost, tokens and quality score;
 * across runs, success rate, time and cost per run and their trend (the newer half against
 * the older half, and a per-day series). Reads only; safe while runs are being written.
 */
export function computeRunStats(journal: Journal, options: RunStatsOptions = {}): RunStats {
  const last = options.last ?? 50;
  const kinds = options.kinds ?? ['run'];
  const runs: RunFigures[] = [];
  // Runs come newest first; other kinds are skipped, so read until enough are found.
  for (const run of journal.listRuns()) {
    if (runs.length >= last) break;
    const figures = runFiguresOf(journal, run);
    if (kinds.length === 0 || kinds.includes(figures.kind)) runs.push(figures);
  }
  const recentCount = Math.ceil(runs.length / 2);
  const recent = aggregate(runs.slice(0, recentCount));
  const previous = aggregate(runs.slice(recentCount));
  return {
    runs,
    overall: aggregate(runs),
    recent,
    previous,
    trend: {
      successRate: difference(recent.successRate, previous.successRate),
      meanDurationMs: difference(recent.meanDurationMs, previous.meanDurationMs),
      meanCostUsd: difference(recent.meanCostUsd, previous.meanCostUsd),
      meanQualityScore: difference(recent.meanQualityScore, previous.meanQualityScore),
    },
    byDay: byDay(runs),
  };
}

/** Success, time, cost and quality of a set of runs. */
export function aggregate(runs: readonly RunFigures[]): RunAggregate {
  const finished = runs.filter((run) => run.status !== 'running');
  const succeeded = finished.filter((run) => run.status === 'succeeded').length;
  const scores = runs.flatMap((run) => (run.qualityScore === null ? [] : [run.qualityScore]));
  return {
    runs: runs.length,
    finished: finished.length,
    succeeded,
    successRate: finished.length === 0 ? null : succeeded / finished.length,
    meanDurationMs: mean(finished.map((run) => run.durationMs)),
    meanCostUsd: mean(runs.map((run) => run.costUsd)),
    meanTokens: mean(runs.map((run) => run.inputTokens + run.outputTokens)),
    meanQualityScore: mean(scores),
    totalCostUsd: runs.reduce((sum, run) => sum + run.costUsd, 0),
  };
}

function byDay(runs: readonly RunFigures[]): DayFigures[] {
  const days = new Map<string, RunFigures[]>();
  for (const run of runs) {
    const day = new Date(run.createdAt).toISOString().slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), run]);
  }
  return [...days]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, dayRuns]) => ({ day, ...aggregate(dayRuns) }));
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function difference(newer: number | null, older: number | null): number | null {
  return newer === null || older === null ? null : newer - older;
}
