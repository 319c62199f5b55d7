import { styleText } from 'node:util';
import { figures, isUnicodeSupported } from 'listr2';

/**
 * How the progress view colours text. With colour off every function returns its input
 * unchanged, so the plain log (CI, pipes) carries meaning in words, never in colour alone.
 */
export interface Paint {
  ok: (text: string) => string;
  fail: (text: string) => string;
  warn: (text: string) => string;
  active: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

const same = (text: string): string => text;

/** No colour at all: what non-interactive output always uses. */
export const plainPaint: Paint = {
  ok: same,
  fail: same,
  warn: same,
  active: same,
  dim: same,
  bold: same,
};

/** A palette for a terminal we already decided can show colour. */
export function createPaint(color: boolean): Paint {
  if (!color) return plainPaint;
  // `validateStream: false`: styleText would otherwise ask process.stdout whether it can show
  // colour, but we draw on stderr and the caller has already decided.
  const style =
    (format: Parameters<typeof styleText>[0]) =>
    (text: string): string =>
      styleText(format, text, { validateStream: false });
  return {
    ok: style('green'),
    fail: style('red'),
    warn: style('yellow'),
    active: style('cyan'),
    dim: style('dim'),
    bold: style('bold'),
  };
}

/**
 * The symbols of the view, borrowed from listr2 so Loki looks like the task lists people
 * know, with its ASCII fallbacks for terminals without Unicode.
 */
export const glyphs = {
  done: figures.tick,
  failed: figures.cross,
  pending: figures.squareSmallFilled,
  skipped: figures.arrowDown,
  notBuilt: figures.circleSlash,
  started: figures.arrowRight,
  run: figures.pointer,
  warning: figures.warning,
  info: figures.info,
  dependsOn: figures.arrowLeft,
  /** Marks what a running task's agent is doing, under the task's line. */
  activity: figures.pointerSmall,
} as const;

/** Spinner frames, one per redraw tick. */
export const spinnerFrames: readonly string[] = isUnicodeSupported()
  ? ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
  : ['-', '\\', '|', '/'];
