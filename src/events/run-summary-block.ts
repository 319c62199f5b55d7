import { alignColumns, formatCount, formatDuration, formatUsd } from './format-units.ts';
import { glyphs, type Paint } from './progress-style.ts';
import { plural, stageGlyph, stageStatus } from './progress-text.ts';
import type { RunProgress } from './run-progress-state.ts';
import { stageStateOf, type StageProgress } from './stage-progress-state.ts';
import type { RunStatus, RunSummary, Usage } from './run-event.ts';
import { taskCounts, taskGlyph, taskStatus } from './task-text.ts';

const statusWords: Record<RunStatus, string> = {
  running: 'is still running',
  succeeded: 'succeeded',
  failed: 'failed',
  stopped: 'stopped',
  needs_decision: 'needs a decision',
};

/**
 * The block printed once a run has finished: its status and stop reason, duration, tokens
 * and cost in total, by model and by role, each stage's outcome (stages not built yet named
 * as such), each task's end with its tests and the reason of a failed or skipped one, and the
 * warnings again, since on a long run they have scrolled out of sight.
 */
export function renderSummaryBlock(
  summary: RunSummary,
  progress: RunProgress,
  paint: Paint,
): string[] {
  const { journalCalls } = progress.usage;
  const facts = alignColumns([
    ['  status', summary.status],
    ['  stop reason', summary.stopReason ?? 'none'],
    ['  duration', formatDuration(summary.durationMs)],
    ['  output', summary.outDir],
    ...(summary.error ? [['  error', `${summary.error.message} [${summary.error.code}]`]] : []),
    ...(journalCalls > 0
      ? [['  from journal', `${plural(journalCalls, 'call')}, not sent again`]]
      : []),
  ]);
  const { usage } = summary;
  const usageLines = alignColumns([
    ['    total', ...usageCells(usage.total)],
    ...Object.entries(usage.byModel).map(([model, used]) => [
      `    model ${model}`,
      ...usageCells(used),
    ]),
    ...Object.entries(usage.byRole).map(([role, used]) => [
      `    role ${role}`,
      ...usageCells(used),
    ]),
  ]);
  const stageLines = alignColumns(
    summary.stages.map((outcome) => {
      const stage = settledStage(outcome, progress);
      return [`    ${stageGlyph(stage.state, paint)} ${stage.title}`, stageStatus(stage, 0)];
    }),
  );
  const { tasks } = progress;
  const taskLines = alignColumns(
    tasks.map((task) => [
      `    ${taskGlyph(task.state, paint)} ${task.id}`,
      task.name,
      taskStatus(task, 0, tasks),
    ]),
  );
  const acceptance = acceptanceLines(summary, paint);
  const warnings = progress.warnings.map((message) =>
    paint.warn(`    ${glyphs.warning} ${message}`),
  );
  return [
    headline(summary, paint),
    ...facts,
    '  usage',
    ...usageLines,
    '  stages',
    ...stageLines,
    ...(tasks.length > 0 ? [`  tasks (${taskCounts(tasks)})`, ...taskLines] : []),
    ...acceptance,
    ...(warnings.length > 0 ? [`  warnings (${warnings.length})`, ...warnings] : []),
  ];
}

/** Each product criterion as last checked, held-out ones marked; or why none was checked. */
function acceptanceLines(summary: RunSummary, paint: Paint): string[] {
  const { acceptance } = summary;
  if (!acceptance) return [];
  if (acceptance.note !== null) return [`  acceptance: ${acceptance.note}`];
  const met = acceptance.criteria.filter((criterion) => criterion.passed).length;
  const held = acceptance.criteria.filter((criterion) => criterion.heldOut).length;
  return [
    `  acceptance (${met}/${acceptance.criteria.length} met, ${held} held out)`,
    ...acceptance.criteria.map((criterion) => {
      const glyph = criterion.passed ? paint.ok(glyphs.done) : paint.fail(glyphs.failed);
      return `    ${glyph} ${criterion.id}${criterion.heldOut ? ' [held out]' : ''} ${criterion.text}`;
    }),
  ];
}

function headline(summary: RunSummary, paint: Paint): string {
  const text = `Run ${summary.runId} ${statusWords[summary.status]}`;
  if (summary.status === 'succeeded') return paint.bold(paint.ok(`${glyphs.done} ${text}`));
  if (summary.status === 'failed') return paint.bold(paint.fail(`${glyphs.failed} ${text}`));
  return paint.bold(paint.warn(`${glyphs.warning} ${text}`));
}

function usageCells(usage: Usage): string[] {
  return [
    plural(usage.calls, 'call'),
    `${formatCount(usage.inputTokens)} in`,
    `${formatCount(usage.outputTokens)} out`,
    formatUsd(usage.costUsd),
  ];
}

/**
 * The summary's outcome is authoritative, but has no word for a skipped stage, and the live
 * view knows the failure's code: both are taken from what the view saw.
 */
function settledStage(outcome: RunSummary['stages'][number], progress: RunProgress): StageProgress {
  const seen = progress.stages.find((stage) => stage.stage === outcome.stage);
  if (seen?.state === 'skipped' && outcome.outcome !== 'failed') return seen;
  const state = stageStateOf(outcome.outcome);
  return {
    stage: outcome.stage,
    title: outcome.title,
    state,
    startedAt: null,
    durationMs: outcome.durationMs,
    detail: outcome.summary,
    error: state === 'failed' ? (seen?.error ?? null) : null,
  };
}
