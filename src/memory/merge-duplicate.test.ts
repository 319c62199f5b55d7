import { describe, expect, it } from 'vitest';
import type { MemoryItem } from './memory-item.ts';
import {
  contentHashOf,
  mergeDuplicate,
  normaliseContent,
  prepareWrite,
} from './merge-duplicate.ts';

const existing: MemoryItem = {
  id: 'mem_1',
  key: null,
  type: 'learned_lesson',
  content: 'Run `npm test` before merging!',
  tags: ['git'],
  severity: 'warning',
  sourceRun: 'run_1',
  seenCount: 2,
  createdAt: 1,
  updatedAt: 1,
  supersededBy: null,
  supersedes: [],
};

describe('duplicates', () => {
  it('compares content without case, punctuation or spacing', () => {
    expect(normaliseContent('  Run `npm test`,\n before MERGING! ')).toBe(
      'run npm test before merging',
    );
    expect(contentHashOf('Run npm test before merging')).toBe(
      contentHashOf('run NPM test — before merging.'),
    );
    expect(contentHashOf('run npm test before merging')).not.toBe(
      contentHashOf('run npm test after merging'),
    );
  });

  it('keeps the wording and joins what a duplicate by content adds', () => {
    const write = prepareWrite({
      type: 'learned_lesson',
      content: 'run npm test before merging',
      key: 'tests-first',
      tags: ['CI'],
      severity: 'info',
    });
    expect(mergeDuplicate(existing, write, 5)).toEqual({
      key: 'tests-first',
      content: existing.content,
      contentHash: contentHashOf(existing.content),
      tags: ['ci', 'git'],
      severity: 'warning',
      sourceRun: 'run_1',
      seenCount: 3,
      updatedAt: 5,
    });
  });

  it('takes a write with the same key as the new version of the item', () => {
    const keyed = { ...existing, key: 'tests-first' };
    const write = prepareWrite({
      type: 'learned_lesson',
      key: 'tests-first',
      content: 'Run the full test suite before merging',
      sourceRun: 'run_9',
    });
    expect(mergeDuplicate(keyed, write, 7)).toMatchObject({
      content: 'Run the full test suite before merging',
      tags: [],
      severity: 'info',
      sourceRun: 'run_9',
      seenCount: 3,
    });
  });
});
