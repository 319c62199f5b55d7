import { describe, expect, test } from 'vitest';
import { createFakeTerminal } from './fake-terminal.ts';
import { LiveRegion, truncateLine } from './live-region.ts';

const up = (lines: number): string => `\r\u001b[${lines}A\u001b[0J`;

describe('LiveRegion', () => {
  test('replaces its previous frame in one write, skips an unchanged one, and keeps it once done', () => {
    const terminal = createFakeTerminal({ isTTY: true, columns: 40, rows: 10 });
    const region = new LiveRegion(terminal.stream);
    region.render(['a', 'b']);
    region.render(['a', 'b']);
    region.render(['a', 'b', 'c']);
    region.done();
    region.render(['d']);
    expect(terminal.writes).toEqual([`a\nb\n`, `${up(2)}a\nb\nc\n`, 'd\n']);
  });

  test('prints lines for good above the frame, then draws the frame again', () => {
    const terminal = createFakeTerminal({ isTTY: true, columns: 40, rows: 10 });
    const region = new LiveRegion(terminal.stream);
    region.render(['frame']);
    region.print(['warning']);
    region.render(['frame 2']);
    expect(terminal.writes).toEqual([`frame\n`, `${up(1)}warning\nframe\n`, `${up(1)}frame 2\n`]);
  });

  test('cuts lines to the width and the frame to the height, keeping the bottom', () => {
    const terminal = createFakeTerminal({ isTTY: true, columns: 6, rows: 3 });
    const region = new LiveRegion(terminal.stream);
    region.render(['heading', 'one', 'footer line']);
    expect(terminal.writes).toEqual([`one\nfoot…\n`]);
  });
});

describe('truncateLine', () => {
  test('keeps colour codes whole and closes them', () => {
    expect(truncateLine('\u001b[31mred text\u001b[39m', 5)).toBe('\u001b[31mred …\u001b[0m');
    expect(truncateLine('short', 5)).toBe('short');
    expect(truncateLine('⠋ 🚀 wide', 4)).toBe('⠋ 🚀…');
  });
});
