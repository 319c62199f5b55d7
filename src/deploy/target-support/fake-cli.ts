import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgramRunner, type ProgramRunner } from './program-runner.ts';

/** A fake deploy CLI on a PATH of its own: a real executable that records each argv it gets. */
export interface FakeCli {
  /** The temporary directory: `bin/` (first on PATH), the call log and the fake's state. */
  directory: string;
  /** A runner whose PATH starts with the fake's `bin/`. */
  runner: ProgramRunner;
  /** Every argv the fake received, in order. */
  calls(): string[][];
  /** The fake's own state file (what it has built and started). */
  state<T>(): T;
  remove(): void;
}

/**
 * Writes `source` (a Node script) as the executable `name` in a fresh temporary `bin/`, run by
 * the Node running Loki. The script gets `FAKE_CLI_LOG` (append one JSON argv a line) and
 * `FAKE_CLI_STATE` (a JSON file of its own) in its environment, plus `env`.
 */
export function fakeCli(name: string, source: string, env: Record<string, string> = {}): FakeCli {
  const directory = realpathSync(mkdtempSync(join(tmpdir(), `loki-fake-${name}-`)));
  const bin = join(directory, 'bin');
  mkdirSync(bin);
  const executable = join(bin, name);
  writeFileSync(executable, `#!${process.execPath}\n${source}`);
  chmodSync(executable, 0o755);
  const log = join(directory, 'calls.jsonl');
  const statePath = join(directory, 'state.json');
  writeFileSync(log, '');
  const runner = createProgramRunner({
    env: {
      ...process.env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      FAKE_CLI_LOG: log,
      FAKE_CLI_STATE: statePath,
      ...env,
    },
  });
  return {
    directory,
    runner,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as string[]),
    state: <T>() => JSON.parse(readFileSync(statePath, 'utf8')) as T,
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
