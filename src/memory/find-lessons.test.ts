import { describe, expect, it } from 'vitest';
import { findLessonsFor, keyTermsOf, lessonQueriesFor } from './find-lessons.ts';
import { openTempMemoryStore } from './testing.ts';

const prd = {
  title: 'Invoice service',
  text: [
    '# Invoice service',
    '',
    'Invoices are created from orders. Each invoice has a PDF; invoices are emailed.',
    '',
    '## Payments (Stripe!)',
    'Payments reconcile invoices nightly; payments retry 3 times.',
  ].join('\n'),
};

describe('lessonQueriesFor', () => {
  it('searches by the title, the headings and the most frequent words, each once', () => {
    expect(lessonQueriesFor(prd)).toEqual([
      'Invoice service',
      'Invoice service Payments (Stripe!)',
      keyTermsOf(prd.text).join(' '),
    ]);
    expect(keyTermsOf(prd.text).slice(0, 3)).toEqual(['invoices', 'payments', 'invoice']);
    expect(lessonQueriesFor({ title: 'Plain', text: 'Plain' })).toEqual(['Plain']);
    expect(lessonQueriesFor({ title: '!!!', text: '???' })).toEqual([]);
  });
});

describe('findLessonsFor', () => {
  it('ranks a lesson found by several queries above one found by one, skipping macros', async () => {
    const { store } = openTempMemoryStore();
    await store.write({ type: 'learned_lesson', content: 'Nightly jobs must be idempotent' });
    await store.write({
      type: 'learned_lesson',
      content: 'Stripe payments for an invoice need an idempotency key',
    });
    await store.write({ type: 'loki_macro', content: 'invoice service payments macro' });
    await store.write({ type: 'feedback', content: 'The PDF looked broken' });
    await store.write({ type: 'learned_lesson', content: 'Use tabs in Makefiles' });
    const found = await findLessonsFor(store, prd);
    expect(found[0]?.item.id).toBe('mem_2');
    expect(found.map((hit) => hit.item.id).sort()).toEqual(['mem_1', 'mem_2', 'mem_4']);
  });
});
