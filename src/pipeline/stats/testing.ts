// Test support: a real journal holding runs recorded by the real pipeline on a scripted model.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Clock } from '../../core/index.ts';
import { Journal } from '../../journal/index.ts';
import { SqliteMemoryStore } from '../../memory/index.ts';
import { ScriptedModel, type ScriptedReply } from '../../model/index.ts';
import type { RunOutcome } from '../execute-run.ts';
import { parsePrd } from '../prd.ts';
import { startRun } from '../start-run.ts';

export const dayMs = 86_400_000;

/** A one-task plan: the planner's reply, then the task agent writing one file. */
export function oneFileReplies(file: string): ScriptedReply[] {
  return [
    {
      match: { stage: 'decomposition' },
      object: {
        summary: 'One file.',
        tasks: [
          {
            id: 'readme',
            name: 'Write the README',
            role: 'docs',
            description: `Write ${file}`,
            acceptanceCriteria: [`${file} exists`],
            dependsOn: [],
          },
        ],
      },
    },
    {
      match: { agent: 'task:readme' },
      toolCalls: [
        { name: 'write_file', input: { path: file, content: '# Tiny\n' } },
        { name: 'finish', input: { summary: `${file} written` } },
      ],
    },
  ];
}

/** A price for the scripted model, so runs have a cost as a hosted model's would. */
const prices = { 'scripted/session': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 } };

let runCount = 0;

/** Registers clean-up: `onTestFinished` inside a test, an `afterAll` collector outside one. */
export type Defer = (cleanUp: () => void) => void;

function openScratchMemory(defer: Defer) {
  const dir = mkdtempSync(join(tmpdir(), 'loki-stats-memory-'));
  const store = SqliteMemoryStore.open(join(dir, 'memory.db'));
  defer(() => {
    // Closes the file at once; the promise only reports it.
    void store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

/**
 * Runs a PRD through the real pipeline on a scripted model, as if started `daysAgo` days
 * before now, journaling into `journal`. Replies that run out fail the run, as a model would.
 */
export async function recordRun(
  journal: Journal,
  options: { title: string; replies: ScriptedReply[]; daysAgo: number },
  defer: Defer = onTestFinished,
): Promise<RunOutcome> {
  const shift = options.daysAgo * dayMs;
  const clock: Clock = { now: () => Date.now() - shift };
  const outDir = join(mkdtempSync(join(tmpdir(), 'loki-stats-run-')), 'product');
  defer(() => rmSync(join(outDir, '..'), { recursive: true, force: true }));
  const model = new ScriptedModel('session', { replies: options.replies });
  return startRun(
    {
      prd: parsePrd(`# ${options.title}\n\nA tiny product with a README.\n`, null),
      outDir,
      config: { model: 'scripted/session', sandbox: 'none', prices },
      kind: 'run',
    },
    {
      journal,
      env: {},
      memory: openScratchMemory(defer),
      createModel: () => model,
      clock,
      generateId: (prefix) => `${prefix}_${++runCount}_${options.daysAgo}d`,
    },
  );
}

/** A journal file in a fresh temp folder, removed (and closed) when the current test ends. */
export function openTempJournal(defer: Defer = onTestFinished): Journal {
  const dir = mkdtempSync(join(tmpdir(), 'loki-stats-'));
  const journal = Journal.open(join(dir, 'journal.db'));
  defer(() => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return journal;
}

/**
 * Four runs over four days: succeeded, failed (the planner's model gives no answer),
 * succeeded, succeeded. Returns the outcomes, oldest first.
 */
export async function recordSampleRuns(
  journal: Journal,
  defer: Defer = onTestFinished,
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  outcomes.push(
    await recordRun(
      journal,
      { title: 'Notes', replies: oneFileReplies('README.md'), daysAgo: 3 },
      defer,
    ),
  );
  outcomes.push(await recordRun(journal, { title: 'Broken', replies: [], daysAgo: 2 }, defer));
  outcomes.push(
    await recordRun(
      journal,
      { title: 'Todo', replies: oneFileReplies('README.md'), daysAgo: 1 },
      defer,
    ),
  );
  outcomes.push(
    await recordRun(
      journal,
      { title: 'Shop', replies: oneFileReplies('NOTES.md'), daysAgo: 0 },
      defer,
    ),
  );
  return outcomes;
}
