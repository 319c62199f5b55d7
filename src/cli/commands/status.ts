import { runSummarySchema, type StageOutcome } from '../../events/index.ts';
import { LokiError } from '../../core/index.ts';
import { runKindOf } from '../../pipeline/index.ts';
import { openJournal } from '../open-journal.ts';
import { formatTable } from '../format-table.ts';
import { describeDuration, describeTokens, describeUsd } from '../format-values.ts';
import { effectiveStatus } from './runs.ts';

/** `loki status <run>`: where a run stands and what to do next. */
export function statusCommand(
  runId: string,
  options: { json?: boolean; journal?: string },
): number {
  using journal = openJournal(options.journal ?? process.env['LOKI_JOURNAL']);
  const run = journal.getRun(runId);
  if (!run) {
    throw new LokiError({
      code: 'run.not-found',
      category: 'bad-input',
      message: `there is no run "${runId}" in ${journal.path}; list runs with loki runs`,
      details: { runId },
    });
  }
  const usage = journal.usageTotals(runId);
  const tasks = journal.listTasks(runId);
  const stages = stagesOf(
    run.summary,
    journal.listCheckpoints(runId).map((checkpoint) => checkpoint.stage),
  );
  const status = effectiveStatus(run);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...run, status, usage, tasks, stages }, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `Run ${run.runId}: ${status}`,
    ...(runKindOf(run) === 'run' || runKindOf(run) === 'plan'
      ? [`PRD      ${run.prdPath ?? '(stdin)'}`, `Product  ${run.outDir}`]
      : [`Kind     loki ${runKindOf(run)}`, `Dir      ${run.outDir}`]),
    `Time     ${describeDuration(run.activeMs)}`,
    `Models   ${usage.total.calls} calls, ${describeTokens(usage.total.inputTokens)} tokens in, ${describeTokens(usage.total.outputTokens)} out, ${describeUsd(usage.total.costUsd)}`,
    '',
    formatTable(
      ['STAGE', 'OUTCOME', 'SUMMARY'],
      stages.map((stage) => [stage.title, stage.outcome, stage.summary]),
    ),
  ];
  if (tasks.length > 0) {
    lines.push(
      '',
      formatTable(
        ['TASK', 'ROLE', 'STATE', 'AFTER'],
        tasks.map((task) => [task.taskId, task.role, task.state, task.dependsOn.join(', ')]),
      ),
    );
  }
  const error = runSummarySchema.safeParse(run.summary).data?.error;
  if (error) lines.push('', `Error: ${error.message}`);
  if (status === 'interrupted' || run.status === 'stopped')
    lines.push('', `Continue it with: loki resume ${run.runId}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The stage outcomes of the summary; while a run has none yet, what its checkpoints show. */
function stagesOf(
  summary: unknown,
  checkpointed: string[],
): Pick<StageOutcome, 'title' | 'outcome' | 'summary'>[] {
  const parsed = runSummarySchema.safeParse(summary);
  if (parsed.success) return parsed.data.stages;
  return checkpointed.map((stage) => ({ title: stage, outcome: 'done', summary: 'checkpointed' }));
}
