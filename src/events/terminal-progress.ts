import { systemClock, type Clock } from '../core/index.ts';
import { displaySafe } from './display-safe.ts';
import type { EventSink } from './event-bus.ts';
import { LiveRegion } from './live-region.ts';
import { logLines } from './progress-log-lines.ts';
import { renderFrame } from './progress-frame.ts';
import { createPaint, glyphs, plainPaint, spinnerFrames, type Paint } from './progress-style.ts';
import { callFailedText, limitText, usageText } from './progress-text.ts';
import { formatDuration } from './format-units.ts';
import { applyRunEvent, createRunProgress, type RunProgress } from './run-progress-state.ts';
import { renderSummaryBlock } from './run-summary-block.ts';
import type { RunEvent } from './run-event.ts';

export interface TerminalProgressOptions {
  /** Where people watch: stderr, so stdout stays free for results and `--json`. */
  stream: NodeJS.WriteStream;
  /** Redraw in place with a spinner; defaults to `stream.isTTY`. Off: one plain line per event. */
  interactive?: boolean;
  clock?: Clock;
  /** Colour in interactive mode; defaults to what the stream supports. Plain output has none. */
  color?: boolean;
}

export interface TerminalProgress {
  sink: EventSink;
  /** Draws the final state and stops every timer. Safe to call twice, and before any event. */
  stop(): void;
}

/** At most ten redraws a second: smooth for a spinner, cheap for a slow terminal. */
const redrawIntervalMs = 100;

/**
 * Events after which the live frame is redrawn at once instead of at the next tick. Tool
 * calls are not: there are many, and the next tick shows the latest soon enough.
 */
const redrawAtOnce = new Set<RunEvent['type']>([
  'run-started',
  'stage-started',
  'stage-finished',
  'stage-restored',
  'stage-skipped',
  'stage-failed',
  'tasks-planned',
  'task-started',
  'tests-ran',
  'merge-finished',
  'task-finished',
]);

/**
 * The progress of a run on stderr, for people. Interactive: a live view of stages, tasks and
 * usage redrawn in place, with warnings, limits and failed calls printed above it for good.
 * Otherwise (CI, pipes): one plain line per meaningful event. Both end with a summary block
 * once `run-finished` arrives. No timer of this view keeps the process alive.
 */
export function createTerminalProgress(options: TerminalProgressOptions): TerminalProgress {
  const { stream, clock = systemClock } = options;
  const progress = createRunProgress();
  const interactive = options.interactive ?? stream.isTTY === true;
  const view = interactive
    ? liveView(stream, progress, clock, createPaint(options.color ?? stream.hasColors?.() ?? false))
    : plainView(stream, progress, clock);
  return { sink: (event) => view.sink(displaySafe(event)), stop: () => view.stop() };
}

function plainView(
  stream: NodeJS.WriteStream,
  progress: RunProgress,
  clock: Clock,
): TerminalProgress {
  let stopped = false;
  const write = (lines: readonly string[]): void => {
    if (lines.length > 0) stream.write(lines.map((line) => `${line}\n`).join(''));
  };
  return {
    sink(event) {
      if (stopped) return;
      applyRunEvent(progress, event);
      write(logLines(event, progress));
      if (progress.summary) {
        write(['', ...renderSummaryBlock(progress.summary, progress, plainPaint)]);
        stopped = true;
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // No summary will come (the run crashed or was interrupted): leave the totals we know.
      if (progress.runId !== null) write([interruptedLine(progress, clock.now())]);
    },
  };
}

function liveView(
  stream: NodeJS.WriteStream,
  progress: RunProgress,
  clock: Clock,
  paint: Paint,
): TerminalProgress {
  const region = new LiveRegion(stream);
  let tick = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const draw = (frozen = false): void => {
    region.render(
      renderFrame(progress, {
        now: clock.now(),
        paint,
        spinnerFrame: frozen ? undefined : spinnerFrames[tick % spinnerFrames.length],
        maxLines: stream.rows > 0 ? stream.rows - 1 : undefined,
      }),
    );
  };
  const finish = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    if (progress.runId === null) return;
    draw(true);
    region.done();
    if (progress.summary) {
      const block = renderSummaryBlock(progress.summary, progress, paint);
      stream.write(['', ...block].map((line) => `${line}\n`).join(''));
    } else {
      stream.write(`${paint.warn(interruptedLine(progress, clock.now()))}\n`);
    }
  };

  return {
    sink(event) {
      if (stopped) return;
      applyRunEvent(progress, event);
      if (event.type === 'run-finished') return finish();
      // The spinner and clocks move between events too; the timer starts with the first one.
      timer ??= setInterval(() => {
        tick += 1;
        draw();
      }, redrawIntervalMs).unref();
      const notice = noticeLine(event, paint);
      if (notice !== null) region.print([notice]);
      if (redrawAtOnce.has(event.type)) draw();
    },
    stop: finish,
  };
}

/** Events a person must not miss, printed above the live view so they stay in the scrollback. */
function noticeLine(event: RunEvent, paint: Paint): string | null {
  switch (event.type) {
    case 'warning-raised':
      return paint.warn(`${glyphs.warning} ${event.message}`);
    case 'limit-approached':
      return paint.warn(`${glyphs.warning} ${limitText(event)}`);
    case 'limit-reached':
      return paint.fail(`${glyphs.failed} ${limitText(event)}`);
    case 'model-call-failed':
      return paint.fail(`${glyphs.failed} ${callFailedText(event)}`);
    default:
      return null;
  }
}

function interruptedLine(progress: RunProgress, now: number): string {
  const elapsed = progress.startedAt === null ? 0 : now - progress.startedAt;
  return (
    `${glyphs.warning} Run ${progress.runId ?? ''} ended without a summary after ` +
    `${formatDuration(elapsed)}: ${usageText(progress.usage)}`
  );
}
