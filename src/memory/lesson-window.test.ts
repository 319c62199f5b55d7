import { describe, expect, it } from 'vitest';
import { isCritical, selectLessonWindow, type LessonCandidate } from './lesson-window.ts';
import type { MemoryItem } from './memory-item.ts';

function candidate(
  id: string,
  fields: Partial<MemoryItem> & { relevance?: number },
): LessonCandidate {
  const { relevance = 1, ...item } = fields;
  return {
    relevance,
    item: {
      id,
      key: null,
      type: 'learned_lesson',
      content: `lesson ${id}`,
      tags: [],
      severity: 'info',
      sourceRun: null,
      seenCount: 1,
      createdAt: 0,
      updatedAt: 0,
      supersededBy: null,
      supersedes: [],
      ...item,
    },
  };
}

const ids = (window: { id: string }[]) => window.map((lesson) => lesson.id);

describe('isCritical', () => {
  it('knows a critical lesson by severity, tag, or CRITICAL in capitals', () => {
    const base = { severity: 'info' as const, tags: [], content: 'on the critical path' };
    expect(isCritical(base)).toBe(false);
    expect(isCritical({ ...base, severity: 'critical' })).toBe(true);
    expect(isCritical({ ...base, tags: ['critical'] })).toBe(true);
    expect(isCritical({ ...base, content: 'CRITICAL: never log tokens' })).toBe(true);
    expect(isCritical({ ...base, content: 'NONCRITICAL detail' })).toBe(false);
  });
});

describe('selectLessonWindow', () => {
  it('puts critical lessons first by relevance, then the others newest first', () => {
    const window = selectLessonWindow([
      candidate('old-relevant', { updatedAt: 1, relevance: 9 }),
      candidate('new', { updatedAt: 9, relevance: 1 }),
      candidate('critical-weak', { severity: 'critical', relevance: 2 }),
      candidate('critical-strong', { tags: ['critical'], relevance: 5 }),
      candidate('middle', { updatedAt: 5, relevance: 3 }),
    ]);
    expect(ids(window)).toEqual([
      'critical-strong',
      'critical-weak',
      'new',
      'middle',
      'old-relevant',
    ]);
    expect(window.map((lesson) => lesson.critical)).toEqual([true, true, false, false, false]);
  });

  it('gives the whole window to critical lessons when more than fit, keeping the most relevant', () => {
    const critical = Array.from({ length: 25 }, (_, index) =>
      candidate(`c${index}`, { severity: 'critical', relevance: index }),
    );
    const window = selectLessonWindow([candidate('recent', { updatedAt: 99 }), ...critical]);
    expect(window).toHaveLength(20);
    expect(ids(window)).toEqual(Array.from({ length: 20 }, (_, index) => `c${24 - index}`));
  });

  it('fills the room left by critical lessons up to the window size, and honours a smaller one', () => {
    const others = Array.from({ length: 30 }, (_, index) =>
      candidate(`o${index}`, { updatedAt: index }),
    );
    const window = selectLessonWindow([candidate('c', { severity: 'critical' }), ...others]);
    expect(window).toHaveLength(20);
    expect(ids(window).slice(0, 3)).toEqual(['c', 'o29', 'o28']);
    expect(ids(selectLessonWindow(others, 3))).toEqual(['o29', 'o28', 'o27']);
  });

  it('drops superseded lessons and repeats', () => {
    const window = selectLessonWindow([
      candidate('old', { supersededBy: 'new', severity: 'critical' }),
      candidate('new', { relevance: 1 }),
      candidate('new', { relevance: 3 }),
    ]);
    expect(ids(window)).toEqual(['new']);
  });
});
