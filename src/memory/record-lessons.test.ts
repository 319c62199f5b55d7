import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { recordFeedback } from './record-feedback.ts';
import { recordEvolution, recordFailureFixed, recordRemediationOutcome } from './record-lessons.ts';
import { openTempMemoryStore } from './testing.ts';

const code = (expected: string) => (error: unknown) =>
  LokiError.isInstance(error) && error.code === expected;

describe('learning from a run', () => {
  it('records a fixed failure once, however many runs learn it again', async () => {
    const { store, clock } = openTempMemoryStore();
    const failure = {
      failure: 'npm test failed: Cannot find module "pg"',
      fix: 'add pg to dependencies, not devDependencies',
      where: 'task api-db',
    };
    const first = await recordFailureFixed(store, {
      ...failure,
      sourceRun: 'run_1',
      tags: ['npm'],
    });
    expect(first.item).toMatchObject({
      content:
        'npm test failed: Cannot find module "pg" (task api-db) — fixed by: add pg to dependencies, not devDependencies',
      tags: ['failure-fixed', 'npm'],
      severity: 'warning',
      sourceRun: 'run_1',
    });
    clock.time = 2_000;
    const again = await recordFailureFixed(store, { ...failure, sourceRun: 'run_2' });
    expect(again).toMatchObject({
      merged: true,
      item: { id: first.item.id, seenCount: 2, sourceRun: 'run_2' },
    });
    expect(await store.list()).toHaveLength(1);
  });

  it('records a remediation outcome and keeps the broken lesson fresh', async () => {
    const { store, clock } = openTempMemoryStore();
    const { item: rule } = await store.write({
      type: 'learned_lesson',
      content: 'Validate request bodies with a schema',
      tags: ['api'],
      severity: 'critical',
    });
    clock.time = 3_000;
    const { lesson, outcome } = await recordRemediationOutcome(store, {
      sourceRun: 'run_2',
      lessonId: rule.id,
      finding: 'POST /todos accepted any JSON',
      succeeded: true,
      detail: 'added a zod schema to the handler',
    });
    expect(lesson).toMatchObject({
      id: rule.id,
      seenCount: 2,
      updatedAt: 3_000,
      severity: 'critical',
      tags: ['api'],
    });
    expect(outcome.item).toMatchObject({
      content:
        'Code broke the lesson "Validate request bodies with a schema" (POST /todos accepted any JSON); what made it hold: added a zod schema to the handler',
      tags: ['api', 'remediated', 'remediation'],
      severity: 'critical',
    });
    const failed = await recordRemediationOutcome(store, {
      sourceRun: 'run_2',
      lessonId: rule.id,
      finding: 'PUT /todos too',
      succeeded: false,
      detail: 'the schema broke the PATCH route',
    });
    expect(failed.outcome.item.tags).toContain('remediation-failed');
    await expect(
      recordRemediationOutcome(store, {
        sourceRun: 'r',
        lessonId: 'mem_404',
        finding: 'f',
        succeeded: true,
        detail: 'd',
      }),
    ).rejects.toSatisfy(code('memory.not-found'));
  });

  it('records an EVOLVE decision as a new lesson superseding the old, linked both ways', async () => {
    const { store } = openTempMemoryStore();
    const { item: old } = await store.write({
      type: 'learned_lesson',
      content: 'Use Jest for tests',
      tags: ['tests'],
      severity: 'warning',
    });
    const { superseded, successor } = await recordEvolution(store, {
      sourceRun: 'run_3',
      oldLessonId: old.id,
      content: 'Use Vitest for tests',
      justification: 'the project is ESM-only',
    });
    expect(successor).toMatchObject({
      content: 'Use Vitest for tests (why it changed: the project is ESM-only)',
      tags: ['tests'],
      severity: 'warning',
      sourceRun: 'run_3',
      supersedes: [old.id],
    });
    expect(superseded).toMatchObject({ id: old.id, supersededBy: successor.id });
    await expect(
      recordEvolution(store, {
        sourceRun: 'run_4',
        oldLessonId: successor.id,
        content: 'use vitest for TESTS (why it changed: the project is ESM-only)',
      }),
    ).rejects.toSatisfy(code('memory.evolution-unchanged'));
    await expect(
      recordEvolution(store, { sourceRun: 'run_4', oldLessonId: old.id, content: 'Use Mocha' }),
    ).rejects.toSatisfy(code('memory.cannot-supersede'));
  });

  it('records feedback once per run, the latest rating replacing the earlier one', async () => {
    const { store } = openTempMemoryStore();
    const first = await recordFeedback(store, {
      runId: 'run_1',
      rating: 2,
      text: 'The UI was unusable on mobile',
    });
    expect(first.item).toMatchObject({
      type: 'feedback',
      key: 'feedback:run_1',
      tags: ['feedback', 'negative', 'rating-2'],
      severity: 'warning',
      sourceRun: 'run_1',
    });
    const second = await recordFeedback(store, {
      runId: 'run_1',
      rating: 4,
      text: 'Fixed by hand; fine now',
    });
    expect(second.item).toMatchObject({
      id: first.item.id,
      content: 'Fixed by hand; fine now',
      tags: ['feedback', 'positive', 'rating-4'],
      severity: 'info',
      seenCount: 2,
    });
    for (const rating of [0, 6, 2.5, Number.NaN]) {
      await expect(recordFeedback(store, { runId: 'run_1', rating, text: 'x' })).rejects.toSatisfy(
        code('memory.bad-rating'),
      );
    }
  });
});
