import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { LokiError } from '../../core/index.ts';
import { Journal } from '../../journal/index.ts';
import { SqliteMemoryStore } from '../../memory/index.ts';
import { feedbackCommand } from './feedback.ts';

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'loki-feedback-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const journalPath = join(dir, 'journal.db');
  const memoryPath = join(dir, 'memory.db');
  using journal = Journal.open(journalPath);
  journal.createRun({
    runId: 'run_1',
    prd: '# P',
    prdPath: null,
    outDir: dir,
    settings: {},
    createdAt: 0,
  });
  const output: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  onTestFinished(() => write.mockRestore());
  return { journalPath, memoryPath, output, dir };
}

const code = (expected: string) => (error: unknown) =>
  LokiError.isInstance(error) && error.code === expected;

describe('feedbackCommand', () => {
  it('stores the feedback as a memory of the run and says where', async () => {
    const { journalPath, memoryPath, output } = setUp();
    const options = { journal: journalPath, memory: memoryPath };
    expect(await feedbackCommand('run_1', { ...options, rating: 2, text: 'No pagination' })).toBe(
      0,
    );
    expect(output.join('')).toBe(
      `Recorded feedback on run run_1 (rating 2/5) as ${(await itemsIn(memoryPath))[0]!.id} in ${memoryPath}\n`,
    );
    expect(
      await feedbackCommand('run_1', { ...options, rating: 4, text: 'Fine after a fix' }),
    ).toBe(0);
    expect(output.at(-1)).toMatch(/^Updated the feedback on run run_1 \(rating 4\/5\)/);
    expect(await itemsIn(memoryPath)).toEqual([
      expect.objectContaining({
        type: 'feedback',
        content: 'Fine after a fix',
        sourceRun: 'run_1',
        seenCount: 2,
      }),
    ]);
  });

  it('refuses a bad rating, empty text or an unknown run before writing anything', async () => {
    const { journalPath, memoryPath, dir } = setUp();
    const options = { journal: journalPath, memory: memoryPath };
    for (const rating of [0, 6, 3.5]) {
      await expect(feedbackCommand('run_1', { ...options, rating, text: 'x' })).rejects.toSatisfy(
        code('memory.bad-rating'),
      );
    }
    await expect(feedbackCommand('run_1', { ...options, rating: 3, text: '  ' })).rejects.toSatisfy(
      code('feedback.empty'),
    );
    await expect(feedbackCommand('run_9', { ...options, rating: 3, text: 'x' })).rejects.toSatisfy(
      code('run.not-found'),
    );
    await expect(
      feedbackCommand('run_1', {
        journal: join(dir, 'none.db'),
        memory: memoryPath,
        rating: 3,
        text: 'x',
      }),
    ).rejects.toSatisfy(code('run.not-found'));
    expect(await itemsIn(memoryPath)).toEqual([]);
  });
});

async function itemsIn(path: string) {
  await using store = SqliteMemoryStore.open(path);
  return store.list();
}
