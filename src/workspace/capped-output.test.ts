import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CappedOutput } from './capped-output.ts';

function collect(cap: number, ...pieces: string[]): { output: string; truncated: boolean } {
  const output = new CappedOutput(cap);
  for (const piece of pieces) output.push(Buffer.from(piece));
  return output.result();
}

describe('CappedOutput', () => {
  it('keeps output under the cap whole', () => {
    expect(collect(100, 'hello ', 'world\n')).toEqual({
      output: 'hello world\n',
      truncated: false,
    });
    expect(collect(12, 'hello ', 'world\n')).toEqual({ output: 'hello world\n', truncated: false });
  });

  it('keeps head and tail around a marker line that counts what was left out', () => {
    const lines = Array.from({ length: 100 }, (_, index) => `line ${index}\n`);
    const { output, truncated } = collect(40, ...lines);
    expect(truncated).toBe(true);
    const total = lines.join('').length;
    expect(output).toBe(
      `line 0\nline 1\nline 2\n… [${total - 40} bytes omitted] …\n 97\nline 98\nline 99\n`,
    );
  });

  it('cuts neither head nor tail inside a multi-byte character', () => {
    // 'é' is two bytes: a cap of 5 keeps 'a' and half an 'é' as head, and half an 'é' then a
    // whole one as tail: both halves go to the omitted count.
    expect(collect(5, 'aéééééééé').output).toBe('a\n… [14 bytes omitted] …\né');
    const { output } = collect(6, 'aéééééééé', 'b');
    expect(output).toBe('aé\n… [12 bytes omitted] …\néb');
    expect(output).not.toContain('\uFFFD');
  });

  it('holds no more than the cap while a child process prints 50 MB', async () => {
    const cap = 64 * 1024;
    const output = new CappedOutput(cap);
    const printer = spawn('/bin/sh', [
      '-c',
      'echo START; head -c 50000000 /dev/zero | tr "\\0" x; echo; echo END',
    ]);
    printer.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    await new Promise((resolve) => printer.on('close', resolve));
    const { output: text, truncated } = output.result();
    expect(truncated).toBe(true);
    expect(output.peakHeldBytes).toBeLessThanOrEqual(cap);
    expect(text.startsWith('START\nxxx')).toBe(true);
    expect(text.endsWith('xxx\nEND\n')).toBe(true);
    const omitted = 6 + 50_000_000 + 1 + 4 - cap;
    expect(text).toContain(`\n… [${omitted} bytes omitted] …\n`);
  });
});
