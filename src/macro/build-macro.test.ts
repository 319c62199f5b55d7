import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { Journal } from '../journal/index.ts';
import { buildMacro } from './build-macro.ts';
import { hashFiles, sha256Of, treeHashOf } from './file-hashes.ts';
import { macroPathIn, macrosDirOf, readMacroFile, writeMacroFile } from './macro-file.ts';

const key = `sk-ant-api03-${'x'.repeat(24)}`;
const unknownShapedKey = `ghp_${'a1'.repeat(20)}`;

function journalWithRun() {
  const dir = mkdtempSync(join(tmpdir(), 'loki-macro-'));
  const journal = Journal.open(join(dir, '.loki', 'journal.db'));
  journal.createRun({
    runId: 'run_1',
    prd: '# Tiny\n\nOne README.',
    prdPath: 'PRD.md',
    outDir: join(dir, 'product'),
    settings: { kind: 'run', config: { model: 'scripted/session' } },
    createdAt: 1,
  });
  journal.saveCheckpoint({
    runId: 'run_1',
    stage: 'decomposition',
    output: {
      summary: 'One file.',
      tasks: [{ id: 'readme', name: 'README', role: 'docs', dependsOn: [], description: 'x' }],
    },
    at: 2,
  });
  // The journal stores what it is given: a key planted here must still not leave in a macro.
  journal.recordModelCall({
    runId: 'run_1',
    requestHash: 'h1',
    stage: 'execution',
    agent: 'task:readme',
    role: 'coder',
    provider: 'scripted',
    modelId: 'session',
    request: { prompt: [{ role: 'user', content: [{ type: 'text', text: `use ${key}` }] }] },
    response: {
      text: `the key is ${key} and ${unknownShapedKey}`,
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 4 },
    },
    error: null,
    inputTokens: 3,
    outputTokens: 4,
    costUsd: 0,
    latencyMs: 5,
    attempts: 1,
    startedAt: 3,
    finishedAt: 8,
  });
  journal.appendEvent({
    runId: 'run_1',
    type: 'tool-called',
    at: 9,
    data: { agent: 'task:readme', tool: 'write_file', input: '{}', ok: true, output: 'wrote' },
  });
  journal.appendEvent({
    runId: 'run_1',
    type: 'stage-finished',
    at: 10,
    data: { stage: 'decomposition', title: 'Decomposition', durationMs: 1, summary: '1 task' },
  });
  return { dir, journal };
}

describe('buildMacro', () => {
  it('holds the PRD, plan, exchanges, tool results, decisions and file hashes, and no secret', () => {
    const { dir, journal } = journalWithRun();
    const files = { 'README.md': sha256Of('# Tiny\n') };
    const macro = buildMacro({
      journal,
      runId: 'run_1',
      tree: { files, treeHash: treeHashOf(files) },
      secrets: [key],
    });
    expect(macro).toMatchObject({
      format: 'loki-macro',
      version: 1,
      id: 'run_1',
      prd: { path: 'PRD.md', text: '# Tiny\n\nOne README.' },
      taskGraph: { tasks: [{ id: 'readme' }] },
      toolResults: [{ tool: 'write_file', output: 'wrote' }],
      decisions: [{ type: 'stage-finished' }],
      run: { status: 'running', stages: [{ stage: 'decomposition', outcome: 'finished' }] },
      files,
    });
    expect(macro.lokiVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(macro.exchanges).toHaveLength(1);
    const path = macroPathIn(macrosDirOf(journal.path), macro.id);
    writeMacroFile(path, macro);
    expect(path).toBe(join(dir, '.loki', 'macros', 'run_1.macro.json'));
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(key);
    expect(text).not.toContain(unknownShapedKey);
    expect(text).toContain('[REDACTED]');
    expect(readMacroFile(path)).toEqual(macro);
  });

  it('refuses an unknown run, with what to do', () => {
    const { journal } = journalWithRun();
    expect(() =>
      buildMacro({ journal, runId: 'run_9', tree: { files: {}, treeHash: '' }, secrets: [] }),
    ).toThrow(/there is no run "run_9".*loki runs/);
  });
});

describe('macro files', () => {
  it('hashes a tree by paths and contents, whatever order the files are listed in', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loki-tree-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'a.txt'), 'a');
    writeFileSync(join(root, 'src', 'b.txt'), 'b');
    const one = await hashFiles(root, ['src/b.txt', 'a.txt']);
    const two = await hashFiles(root, ['a.txt', 'src/b.txt']);
    expect(one).toEqual(two);
    expect(one.files['a.txt']).toBe(sha256Of('a'));
    writeFileSync(join(root, 'a.txt'), 'A');
    expect((await hashFiles(root, ['a.txt', 'src/b.txt'])).treeHash).not.toBe(one.treeHash);
  });

  it('refuses a file that is not a macro, a newer format, and file hashes edited by hand', () => {
    const { journal } = journalWithRun();
    const files = { 'README.md': sha256Of('x') };
    const macro = buildMacro({
      journal,
      runId: 'run_1',
      tree: { files, treeHash: treeHashOf(files) },
      secrets: [],
    });
    const dir = mkdtempSync(join(tmpdir(), 'loki-macro-file-'));
    const write = (name: string, value: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(value));
      return join(dir, name);
    };
    const codeOf = (path: string) => {
      try {
        readMacroFile(path);
        return 'read';
      } catch (error) {
        return LokiError.isInstance(error) ? error.code : 'other';
      }
    };
    expect(codeOf(write('not.json', { hello: 1 }))).toBe('macro.invalid');
    expect(codeOf(write('newer.json', { ...macro, version: 2 }))).toBe('macro.newer-format');
    expect(codeOf(write('edited.json', { ...macro, files: { 'README.md': sha256Of('y') } }))).toBe(
      'macro.inconsistent',
    );
    expect(codeOf(join(dir, 'missing.json'))).toBe('macro.unreadable');
    expect(codeOf(write('good.json', macro))).toBe('read');
  });
});
