import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteMemoryStore, memoryItemSchema } from '../memory/index.ts';
import {
  findPostgresBinaries,
  startTestPostgres,
  type TestPostgres,
} from '../memory/test-postgres.ts';
import { cleanEnvironment, createWorkspace, runLoki } from './testing/run-loki.ts';

/** A workspace whose `loki` finds its memory where `extra` says (a file by default). */
function workspace(extra: Record<string, string> = {}) {
  const { cwd, home } = createWorkspace();
  const memoryPath = join(cwd, 'memory.db');
  const env = cleanEnvironment(home, { LOKI_MEMORY_PATH: memoryPath, ...extra });
  const loki = (...args: string[]) => runLoki(args, { cwd, env });
  return { cwd, memoryPath, loki };
}

const idOf = (stdout: string) => /\b(mem_\S+)/.exec(stdout)![1]!;

describe('loki memory (a real child process, a SQLite file)', () => {
  it('adds, merges duplicates, searches, lists, shows and forgets memories', async () => {
    const { loki } = workspace();
    const added = await loki(
      'memory',
      'add',
      'Validate every request body with a schema before the handler runs',
      '--tags',
      'api,validation',
      '--severity',
      'critical',
    );
    expect(added.code).toBe(0);
    const id = idOf(added.stdout);
    const again = await loki(
      'memory',
      'add',
      'validate every request body with a SCHEMA before the handler runs!',
      '--tags',
      'security',
      '--json',
    );
    expect(JSON.parse(again.stdout)).toMatchObject({
      id,
      merged: true,
      seenCount: 2,
      tags: ['api', 'security', 'validation'],
      severity: 'critical',
    });
    await loki('memory', 'add', 'The dashboard looked great', '--type', 'feedback');

    const search = await loki('memory', 'search', 'schema validation for request bodies');
    expect(search.code).toBe(0);
    expect(search.stdout.split('\n')[0]).toMatch(
      /^ID\s+TYPE\s+SEVERITY\s+SCORE\s+UPDATED\s+CONTENT/,
    );
    expect(search.stdout).toContain(`${id}  learned_lesson  critical`);
    const none = await loki('memory', 'search', 'schema', '--type', 'feedback', '--json');
    expect(JSON.parse(none.stdout)).toEqual([]);

    const list = await loki('memory', 'list', '--json');
    expect(
      (JSON.parse(list.stdout) as unknown[]).map((item) => memoryItemSchema.parse(item).type),
    ).toEqual(['feedback', 'learned_lesson']);
    const tagged = await loki('memory', 'list', '--tags', 'security');
    expect(tagged.stdout.trim().split('\n')).toHaveLength(2);

    const show = await loki('memory', 'show', id);
    expect(show.stdout).toContain('Tags:        api, security, validation');
    expect(show.stdout).toContain('Seen:        2 times');
    expect(show.stdout).toContain('Superseded by: (none: it holds)');

    expect((await loki('memory', 'forget', id)).stdout).toBe(`Forgot ${id}.\n`);
    const gone = await loki('memory', 'show', id);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`there is no memory "${id}"`);
    expect((await loki('memory', 'forget', id)).code).toBe(2);
    const badType = await loki('memory', 'add', 'x', '--type', 'rumour');
    expect(badType.code).toBe(2);
  }, 120_000);

  it('exports JSONL and imports it elsewhere: links kept, duplicates merged, bad lines named', async () => {
    const source = workspace();
    {
      // A clock that moves on with every reading: on a fast machine the supersede could fall
      // in the same millisecond as the write before it, and the export order would be a tie.
      let time = Date.now() - 60_000;
      const clock = { now: () => (time += 1) };
      await using store = SqliteMemoryStore.open(source.memoryPath, { clock });
      const old = await store.write({ type: 'learned_lesson', content: 'Use Jest for tests' });
      const next = await store.write({ type: 'learned_lesson', content: 'Use Vitest: ESM works' });
      await store.supersede(old.item.id, next.item.id);
      await store.write({ type: 'feedback', content: 'Good API docs', tags: ['docs'] });
    }
    const exportFile = join(source.cwd, 'out', 'memory.jsonl');
    const exported = await source.loki('memory', 'export', '--output', exportFile);
    expect(exported.code).toBe(0);
    const lines = readFileSync(exportFile, 'utf8').trim().split('\n');
    // Least recently updated first; superseding the Jest lesson updated it.
    expect(lines.map((line) => memoryItemSchema.parse(JSON.parse(line)).content)).toEqual([
      'Use Vitest: ESM works',
      'Use Jest for tests',
      'Good API docs',
    ]);
    const toStdout = await source.loki('memory', 'export', '--type', 'feedback');
    expect(toStdout.stdout.trim().split('\n')).toHaveLength(1);

    const target = workspace();
    await target.loki('memory', 'add', 'good api docs!');
    await target.loki('memory', 'add', 'Good API docs', '--type', 'feedback');
    const withBadLines = join(target.cwd, 'in.jsonl');
    writeFileSync(
      withBadLines,
      [
        ...lines,
        '{"type":"learned_lesson","content":"Pin Node in CI"',
        '',
        '{"type":"rumour","content":"x"}',
        '{"type":"learned_lesson","content":"Pin Node in CI","tags":["two words"]}',
        '{"type":"learned_lesson","content":"Pin Node in CI"}',
      ].join('\n'),
    );
    const strict = await target.loki('memory', 'import', withBadLines, '--strict');
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${withBadLines}:4: not valid JSON`);
    expect(strict.stderr).toContain(`${withBadLines}:6: type: Invalid option`);
    expect(strict.stderr).toContain(`${withBadLines}:7: tags.0: a tag is one word`);
    expect(JSON.parse((await target.loki('memory', 'list', '--json')).stdout)).toHaveLength(2);

    const imported = await target.loki('memory', 'import', withBadLines, '--json');
    expect(imported.code).toBe(2);
    expect(JSON.parse(imported.stdout)).toEqual({
      created: 3,
      merged: 1,
      unchanged: 0,
      linked: 1,
      bad: [
        { line: 4, problem: expect.stringContaining('not valid JSON') },
        { line: 6, problem: expect.stringContaining('type') },
        { line: 7, problem: expect.stringContaining('tags.0') },
      ],
    });
    const items = JSON.parse((await target.loki('memory', 'list', '--all', '--json')).stdout) as {
      id: string;
      content: string;
      seenCount: number;
      supersededBy: string | null;
    }[];
    expect(items).toHaveLength(5);
    const byContent = new Map(items.map((item) => [item.content, item]));
    const jest = byContent.get('Use Jest for tests')!;
    const vitest = byContent.get('Use Vitest: ESM works')!;
    expect(jest.supersededBy).toBe(vitest.id);
    expect(byContent.get('Good API docs')).toMatchObject({ seenCount: 2 });
    const show = await target.loki('memory', 'show', vitest.id);
    expect(show.stdout).toContain(`Supersedes:\n  ${jest.id}: Use Jest for tests`);
    // Imported again, the superseded Jest lesson is found under Vitest, not written anew.
    const again = await target.loki('memory', 'import', exportFile);
    expect(again.stdout).toMatch(/Imported 3 memories .*: 0 new, 2 merged .*, 1 already there/);
    const afterAgain = JSON.parse(
      (await target.loki('memory', 'list', '--all', '--json')).stdout,
    ) as { content: string; supersededBy: string | null }[];
    expect(afterAgain).toHaveLength(5);
    expect(afterAgain.filter((item) => item.content === 'Use Jest for tests')).toEqual([
      expect.objectContaining({ supersededBy: vitest.id }),
    ]);
    // Into the store it came from: every line is already there, nothing changes.
    const home = await source.loki('memory', 'import', exportFile);
    expect(home.stdout).toMatch(
      /: 0 new, 0 merged into existing ones, 3 already there, 0 supersession/,
    );
    const sourceItems = JSON.parse(
      (await source.loki('memory', 'list', '--all', '--json')).stdout,
    ) as unknown[];
    expect(sourceItems).toHaveLength(3);
  }, 120_000);
});

const binaries = findPostgresBinaries();
describe.skipIf(!binaries.found)('loki memory against a real PostgreSQL server', () => {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    if (binaries.found) server = await startTestPostgres(binaries.binDir);
  }, 60_000);
  afterAll(() => server?.stop());

  it('adds, searches, exports and imports through LOKI_MEMORY_URL and --memory', async () => {
    const url = await server!.createDatabase();
    const { cwd, loki } = workspace({ LOKI_MEMORY_URL: url });
    const added = await loki(
      'memory',
      'add',
      'Take an advisory lock before migrations',
      '--tags',
      'postgres',
    );
    expect(added.stdout).toContain(url.replace(/:[^:@/]*@/, ':***@').split('@')[1]!);
    expect((await loki('memory', 'search', 'migration locks')).stdout).toContain(
      idOf(added.stdout),
    );
    const file = join(cwd, 'team.jsonl');
    await loki('memory', 'export', '--output', file);
    const other = await server!.createDatabase();
    const imported = await loki('memory', 'import', file, '--memory', other);
    expect(imported.code).toBe(0);
    const listed = await loki('memory', 'list', '--json', '--memory', other);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        content: 'Take an advisory lock before migrations',
        tags: ['postgres'],
      }),
    ]);
  }, 120_000);
});
