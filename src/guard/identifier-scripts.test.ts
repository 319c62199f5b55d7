import { describe, expect, it } from 'vitest';
import { judgeScripts } from './identifier-scripts.ts';

describe('judgeScripts', () => {
  it.each([
    ['café', false],
    ['straße', false],
    ['π', false],
    ['名前', false],
    ['ユーザー名', false],
    ['userName名前', false],
    ['사용자이름', false],
    ['user_الاسم', false],
    ['value2', false],
    ['is\u0410dmin', true],
    ['p\u0430ypal', true],
    ['x\u03B1', true],
    ['\u13AAdmin', true],
  ])('judges %s mixed: %s', (identifier, mixed) => {
    expect(judgeScripts(identifier).mixed).toBe(mixed);
  });

  it('points at the letter outside the main script', () => {
    const verdict = judgeScripts('isAdmin\u0410');
    expect(verdict.scripts).toEqual(['Latin', 'Cyrillic']);
    expect(verdict.oddOffset).toBe(7);
  });
});
