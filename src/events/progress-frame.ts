import { alignColumns, formatDuration } from './format-units.ts';
import { glyphs, type Paint } from './progress-style.ts';
import { limitText, retryText, stageGlyph, stageStatus, usageText } from './progress-text.ts';
import type { RunProgress } from './run-progress-state.ts';
import type { StageState } from './stage-progress-state.ts';
import { taskLines } from './task-frame-lines.ts';
import { taskCounts } from './task-text.ts';

/** What a frame depends on besides the run: the time, the colours, the screen. */
export interface FrameOptions {
  now: number;
  paint: Paint;
  /** The spinner frame for running stages and tasks; absent once the view is frozen. */
  spinnerFrame?: string;
  /** The most lines the frame may take: a frame taller than the screen cannot be redrawn. */
  maxLines?: number;
}

/**
 * The live view of a run, top to bottom: a heading, every stage with its state, the planned
 * tasks with theirs, retries still waiting, limits, and a footer with elapsed time, task
 * counts and usage. When the frame must be shorter, the task list gives way first: stages and
 * footer never do.
 */
export function renderFrame(progress: RunProgress, options: FrameOptions): string[] {
  const { now, paint } = options;
  const heading = [
    paint.bold(`${glyphs.run} Loki run ${progress.runId ?? ''}`.trimEnd()),
    progress.resumed ? ' (resumed)' : '',
    progress.outDir ? paint.dim(` → ${progress.outDir}`) : '',
  ].join('');

  const stageLines = alignColumns(
    progress.stages.map((stage) => [
      `  ${stageGlyph(stage.state, paint, options.spinnerFrame)} ${stage.title}`,
      paintStatus(stage.state, stageStatus(stage, now), paint),
    ]),
  );

  const tail: string[] = [];
  for (const retry of progress.pendingRetries.values()) {
    tail.push(paint.warn(`  ${glyphs.info} ${retryText(retry)}`));
  }
  for (const limit of progress.limits.values()) {
    const paintLimit = limit.type === 'limit-reached' ? paint.fail : paint.warn;
    const glyph = limit.type === 'limit-reached' ? glyphs.failed : glyphs.warning;
    tail.push(paintLimit(`  ${glyph} ${limitText(limit)}`));
  }
  const elapsed =
    progress.summary?.durationMs ?? (progress.startedAt === null ? 0 : now - progress.startedAt);
  const tasks = progress.tasks.length > 0 ? ` · tasks ${taskCounts(progress.tasks)}` : '';
  tail.push(
    paint.dim(`  elapsed ${formatDuration(elapsed)}${tasks} · ${usageText(progress.usage)}`),
  );

  const room = (options.maxLines ?? Infinity) - 1 - stageLines.length - tail.length;
  return [heading, ...stageLines, ...taskLines(progress.tasks, room, options), ...tail];
}

function paintStatus(state: StageState, text: string, paint: Paint): string {
  if (state === 'failed') return paint.fail(text);
  if (state === 'running') return paint.active(text);
  if (state === 'done' || state === 'restored') return text;
  return paint.dim(text);
}
