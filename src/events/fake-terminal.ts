import { Writable } from 'node:stream';

export interface FakeTerminalOptions {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** A stream standing in for stderr in tests, with everything written to it kept. */
export interface FakeTerminal {
  stream: NodeJS.WriteStream;
  /** Each `write` call's text, in order. */
  writes: string[];
  /** Everything written, joined. */
  text(): string;
}

/**
 * A writable that looks like a terminal (or a pipe, with `isTTY: false`) and records what it
 * receives synchronously, so a test reads exactly what a person would have seen.
 */
export function createFakeTerminal(options: FakeTerminalOptions = {}): FakeTerminal {
  const writes: string[] = [];
  const writable = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      writes.push(String(chunk));
      callback();
    },
  });
  // Only the tty fields the progress view reads; the rest of tty.WriteStream is not needed.
  const stream = Object.assign(writable, {
    isTTY: options.isTTY ?? false,
    columns: options.columns ?? 80,
    rows: options.rows ?? 24,
  }) as unknown as NodeJS.WriteStream;
  return { stream, writes, text: () => writes.join('') };
}
