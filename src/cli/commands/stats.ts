import { LokiError } from '../../core/index.ts';
import {
  computeRunStats,
  runKinds,
  type RunAggregate,
  type RunKind,
  type RunStats,
} from '../../pipeline/index.ts';
import { formatTable } from '../format-table.ts';
import { describeDuration, describeTokens, describeUsd } from '../format-values.ts';
import { openJournal } from '../open-journal.ts';

export interface StatsCommandOptions {
  last?: number;
  kind?: string;
  json?: boolean;
  journal?: string;
}

/** `loki stats`: success rate, quality, time and cost per run, and their trend, from the journal. */
export function statsCommand(options: StatsCommandOptions): number {
  const kinds = kindsOf(options.kind ?? 'run');
  using journal = openJournal(options.journal ?? process.env['LOKI_JOURNAL']);
  const stats = computeRunStats(journal, { last: options.last ?? 20, kinds });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    return 0;
  }
  if (stats.runs.length === 0) {
    process.stdout.write(`No runs yet in ${journal.path}. Start one with: loki run PRD.md\n`);
    return 0;
  }
  process.stdout.write(`${renderStats(stats)}\n`);
  return 0;
}

function renderStats(stats: RunStats): string {
  const runs = formatTable(
    ['RUN', 'STATUS', 'STARTED', 'TIME', 'TOKENS', 'COST', 'QUALITY', 'PRD'],
    stats.runs.map((run) => [
      run.runId,
      run.status,
      new Date(run.createdAt).toISOString().replace('T', ' ').slice(0, 16),
      describeDuration(run.durationMs),
      describeTokens(run.inputTokens + run.outputTokens),
      describeUsd(run.costUsd),
      run.qualityScore === null ? '-' : `${run.gatesPassed}/${run.gatesTotal} gates`,
      run.title,
    ]),
  );
  const row = (label: string, figures: RunAggregate) => [
    label,
    String(figures.runs),
    percent(figures.successRate),
    percent(figures.meanQualityScore),
    figures.meanDurationMs === null ? '-' : describeDuration(Math.round(figures.meanDurationMs)),
    figures.meanCostUsd === null ? '-' : describeUsd(figures.meanCostUsd),
  ];
  const summary = formatTable(
    ['', 'RUNS', 'SUCCESS', 'QUALITY', 'TIME/RUN', 'COST/RUN'],
    [row('all', stats.overall), row('newer half', stats.recent), row('older half', stats.previous)],
  );
  return [runs, '', summary, '', `Trend (newer half against older): ${trendLine(stats)}`].join(
    '\n',
  );
}

function trendLine(stats: RunStats): string {
  const { trend } = stats;
  if (stats.previous.runs === 0) return 'not enough runs yet to compare';
  const parts = [
    trend.successRate === null ? null : `success ${signed(trend.successRate * 100, 0)} points`,
    trend.meanQualityScore === null
      ? null
      : `quality ${signed(trend.meanQualityScore * 100, 0)} points`,
    trend.meanDurationMs === null ? null : `time/run ${signed(trend.meanDurationMs / 1000, 1)} s`,
    trend.meanCostUsd === null ? null : `cost/run ${signed(trend.meanCostUsd, 4)} USD`,
  ];
  return parts.filter((part) => part !== null).join(', ');
}

function percent(share: number | null): string {
  return share === null ? '-' : `${Math.round(share * 100)} %`;
}

function signed(value: number, digits: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

function kindsOf(kind: string): RunKind[] {
  if (kind === 'all') return [];
  const known = runKinds.find((candidate) => candidate === kind);
  if (known) return [known];
  throw new LokiError({
    code: 'stats.unknown-kind',
    category: 'bad-input',
    message: `unknown run kind "${kind}" in --kind; expected all, ${runKinds.join(', ')}`,
    details: { kind },
  });
}
