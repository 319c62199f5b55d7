// Helpers for the journal's own tests: real files in temp folders, removed after each test.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { onTestFinished } from 'vitest';
import { Journal } from './journal.ts';
import type { RunRecord } from './run-records.ts';

/** A journal file path in a fresh temp folder that is removed when the current test ends. */
export function tempJournalPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loki-journal-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'journal.db');
}

/** A journal on a real file, closed when the current test ends. */
export function openTempJournal(path = tempJournalPath()): Journal {
  const journal = Journal.open(path);
  onTestFinished(() => journal.close());
  return journal;
}

/** Records a run with plausible fields, for tests about what hangs off a run. */
export function createTestRun(journal: Journal, runId = 'run_1', createdAt = 1_000): RunRecord {
  return journal.createRun({
    runId,
    prd: '# Todo API\nA REST API for todos.',
    prdPath: '/prds/todo.md',
    outDir: '/out/todo',
    settings: { models: { coder: 'scripted/x' }, budgetUsd: 5 },
    createdAt,
  });
}

/** The URL a script in another process imports the journal from. */
export const journalModuleUrl = pathToFileURL(join(import.meta.dirname, 'journal.ts')).href;

/** How a process started by `startNodeProcess` ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs `script` (an ES module) in a separate Node process, as a second Loki process would be.
 * `ready` resolves when the script prints `ready` (and rejects if it ends first); `exited`
 * resolves when it ends, however it ends.
 */
export function startNodeProcess(script: string): {
  ready: Promise<void>;
  exited: Promise<ProcessExit>;
} {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stderr,
  }));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    void exited.then((exit) => reject(new Error(`process ended before ready: ${exit.stderr}`)));
  });
  // Nobody may wait for `ready` (a script that never prints it); do not report that as unhandled.
  ready.catch(() => {});
  return { ready, exited };
}
