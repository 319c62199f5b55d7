import { runKindOf } from '../pipeline/index.ts';
import type { RunRecord } from '../journal/index.ts';

/**
 * What a run worked on, for tables: the PRD's path for whole runs and plans, the directory for
 * single stages (`loki audit`, `review`, `gates`, `deploy`), which have no PRD.
 */
export function runSubject(run: RunRecord): string {
  const kind = runKindOf(run);
  if (kind === 'run' || kind === 'plan') return run.prdPath ?? '(stdin)';
  return run.outDir;
}
