import { stripVTControlCharacters } from 'node:util';

const escape = '\u001b[';
const eraseDown = `${escape}0J`;
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const ansiSequence = /\u001b\[[0-9;?]*[A-Za-z]/y;

/**
 * The bottom lines of a terminal, redrawn in place: each `render` replaces the previous frame;
 * `print` adds lines above it that stay in the scrollback. Every change is one write, so a
 * frame never shows half drawn. Lines are cut to the screen's width and the frame to its
 * height, because a wrapped or scrolled-away line could no longer be erased.
 *
 * The cursor is left visible on purpose: hiding it needs a process-wide exit hook to give it
 * back, and a run killed without one would leave the person's terminal without a cursor.
 */
export class LiveRegion {
  #height = 0;
  #lastFrame: string | null = null;

  readonly #stream: NodeJS.WriteStream;

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
  }

  render(lines: readonly string[]): void {
    const frame = this.#fit(lines);
    if (frame !== this.#lastFrame) this.#draw('', frame);
  }

  /** Writes `lines` for good above the frame, then draws the frame again below them. */
  print(lines: readonly string[]): void {
    this.#draw(lines.map((line) => `${line}\n`).join(''), this.#lastFrame ?? '');
  }

  /** Leaves the last frame on screen for good: what is written next goes below it. */
  done(): void {
    this.#height = 0;
    this.#lastFrame = null;
  }

  #fit(lines: readonly string[]): string {
    const columns = this.#stream.columns > 0 ? this.#stream.columns : 80;
    const rows = this.#stream.rows > 0 ? this.#stream.rows : Infinity;
    // One column and one row spare: a full last column or row makes terminals wrap or scroll.
    const shown = lines.slice(Math.max(0, lines.length - (rows - 1)));
    return shown.map((line) => `${truncateLine(line, columns - 1)}\n`).join('');
  }

  #draw(above: string, frame: string): void {
    const erase = this.#height > 0 ? `\r${escape}${this.#height}A${eraseDown}` : '';
    this.#stream.write(erase + above + frame);
    this.#height = frame.split('\n').length - 1;
    this.#lastFrame = frame;
  }
}

/** Cuts `line` to `width` visible characters, keeping its colour codes whole and closed. */
export function truncateLine(line: string, width: number): string {
  if ([...stripVTControlCharacters(line)].length <= width) return line;
  let visible = 0;
  let result = '';
  let index = 0;
  while (index < line.length && visible < width - 1) {
    ansiSequence.lastIndex = index;
    const match = ansiSequence.exec(line);
    if (match) {
      result += match[0];
      index += match[0].length;
      continue;
    }
    const character = String.fromCodePoint(line.codePointAt(index) ?? 32);
    result += character;
    index += character.length;
    visible += 1;
  }
  return result.includes(escape) ? `${result}…${escape}0m` : `${result}…`;
}
