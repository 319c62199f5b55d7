import { describe, expect, test } from 'vitest';
import type { TestCounts } from './run-event.ts';
import { testsText, toolCallText } from './task-text.ts';

const call = (tool: string, input: string, agent = 'task:t1', ok = true) => ({
  agent,
  tool,
  input,
  ok,
});

describe('toolCallText', () => {
  test('names the tool and the field that says what it works on', () => {
    const commandInput = JSON.stringify({ command: 'npm test', timeoutSeconds: 600 });
    expect(toolCallText(call('run_command', commandInput))).toBe('run_command npm test');
    const write = JSON.stringify({ content: 'a'.repeat(300), path: 'src/app.ts' });
    expect(toolCallText(call('write_file', write))).toBe('write_file src/app.ts');
    expect(toolCallText(call('search', '{"path":"src","pattern":"todo"}'))).toBe('search todo');
    expect(toolCallText(call('finish', '{"summary":"Routes"}'))).toBe('finish Routes');
    expect(toolCallText(call('list_files', '{}'))).toBe('list_files');
  });

  test('reads an input the emitter cut short, and keeps it to one short, clean line', () => {
    const cut = JSON.stringify({ path: 'src/app.ts', content: 'x'.repeat(500) }).slice(0, 40);
    expect(toolCallText(call('write_file', cut))).toBe('write_file src/app.ts');
    const command = `npm test -- ${'--flag '.repeat(20)}`;
    const cutCommand = JSON.stringify({ command }).slice(0, 40);
    expect(toolCallText(call('run_command', cutCommand))).toBe(
      'run_command npm test -- --flag --flag --…',
    );
    expect(toolCallText(call('run_command', JSON.stringify({ command })))).toBe(
      'run_command npm test -- --flag --flag --flag --flag --flag…',
    );
    const escaped = JSON.stringify({ command: 'printf "\u001b[31mred"\nnpm test' });
    expect(toolCallText(call('run_command', escaped))).toBe('run_command printf "red" npm test');
    expect(toolCallText(call('read_file', 'not json'))).toBe('read_file');
  });

  test('names an agent other than the task own and a call that failed', () => {
    const edit = '{"path":"src/app.ts","old_string":"<<<<<<<"}';
    expect(toolCallText(call('edit_file', edit, 'resolver:t2', false))).toBe(
      'resolver: edit_file src/app.ts (failed)',
    );
  });
});

describe('testsText', () => {
  const counts = (changes: Partial<TestCounts>): TestCounts => ({
    passed: 12,
    failed: 0,
    skipped: 0,
    total: 12,
    coveragePercent: 84.7,
    ...changes,
  });

  test('says how many passed and the coverage, and in which round when not the first', () => {
    expect(testsText({ round: 1, passed: true, counts: counts({}) })).toBe(
      'tests 12/12 passed, 84% coverage',
    );
    const skipped = counts({ passed: 11, skipped: 1, coveragePercent: null });
    expect(testsText({ round: 3, passed: true, counts: skipped })).toBe(
      'tests 11/12 passed in round 3, 1 skipped',
    );
    const none = counts({ passed: 0, total: 0 });
    expect(testsText({ round: 1, passed: true, counts: none })).toBe('no tests to run');
  });

  test('says how many fail in a failing round, or why it failed without a failing test', () => {
    const failing = counts({ passed: 9, failed: 3 });
    expect(testsText({ round: 2, passed: false, counts: failing })).toBe(
      'round 2: 3 of 12 failing',
    );
    const none = counts({ passed: 0, total: 0 });
    expect(testsText({ round: 1, passed: false, counts: none })).toBe('round 1: no test ran');
    expect(testsText({ round: 1, passed: false, counts: counts({}) })).toBe(
      'round 1: the test command failed',
    );
  });
});
