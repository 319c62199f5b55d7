import { isAlive, runKindOf } from '../../pipeline/index.ts';
import type { RunRecord } from '../../journal/index.ts';
import { openJournal } from '../open-journal.ts';
import { formatTable } from '../format-table.ts';
import { describeDuration, describeUsd } from '../format-values.ts';
import { runSubject } from '../run-subject.ts';

/** `loki runs`: the runs of this journal, newest first. */
export function runsCommand(options: { limit?: number; json?: boolean; journal?: string }): number {
  using journal = openJournal(options.journal ?? process.env['LOKI_JOURNAL']);
  const runs = journal.listRuns({ limit: options.limit ?? 20 });
  const rows = runs.map((run) => ({
    run,
    status: effectiveStatus(run),
    costUsd: journal.usageTotals(run.runId).total.costUsd,
  }));
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        rows.map(({ run, status, costUsd }) => ({ ...run, prd: undefined, status, costUsd })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write(`No runs yet in ${journal.path}. Start one with: loki run PRD.md\n`);
    return 0;
  }
  const table = formatTable(
    ['RUN', 'STATUS', 'KIND', 'STARTED', 'TIME', 'COST', 'PRD OR DIRECTORY'],
    rows.map(({ run, status, costUsd }) => [
      run.runId,
      status,
      runKindOf(run),
      new Date(run.createdAt).toISOString().replace('T', ' ').slice(0, 16),
      describeDuration(run.activeMs),
      describeUsd(costUsd),
      runSubject(run),
    ]),
  );
  process.stdout.write(`${table}\n`);
  return 0;
}

/** A run recorded as running whose process is gone crashed or was killed: it can be resumed. */
export function effectiveStatus(run: RunRecord): string {
  if (run.status === 'running' && (run.pid === null || !isAlive(run.pid))) return 'interrupted';
  if (run.status === 'stopped') return `stopped (${run.stopReason ?? 'limit'})`;
  return run.status;
}
