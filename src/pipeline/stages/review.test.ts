import { describe, expect, it } from 'vitest';
import { EventBus, createJournalSink, type RunEvent } from '../../events/index.ts';
import { createTestGateway } from '../../model/testing.ts';
import { gitProject, portLesson, seededFiles } from '../../review/testing/seeded-project.ts';
import { parsePrd } from '../prd.ts';
import type { RunContext } from '../run-context.ts';
import { runStages } from '../run-stages.ts';
import { reviewStage } from './review.ts';
import type { RunState } from '../run-state.ts';
import { defineStage } from '../stage.ts';
import { z } from 'zod';

const clock = { now: () => 1_000 };

describe('the review stage', () => {
  it('raises every finding as a journaled event, with the lessons memory retrieved, and checkpoints the review', async () => {
    const root = gitProject(seededFiles);
    const { gateway, journal } = createTestGateway({
      runId: 'run_1',
      replies: [
        { match: { stage: 'review', agent: 'security-reviewer' }, object: { findings: [] } },
        { match: { stage: 'review', agent: 'performance-reviewer' }, object: { findings: [] } },
        {
          match: { stage: 'review', agent: 'architecture-reviewer' },
          object: {
            findings: [
              {
                severity: 'medium',
                file: 'src/config.ts',
                line: 2,
                title: 'Hard-coded port',
                detail: 'The lesson says settings come from the environment.',
                lessonId: portLesson.id,
              },
            ],
          },
        },
      ],
    });
    const bus = new EventBus('run_1', clock);
    const sink = createJournalSink(journal);
    const events: RunEvent[] = [];
    bus.subscribe((event) => {
      events.push(event);
      sink.sink(event);
    });
    const context = {
      runId: 'run_1',
      prd: parsePrd('# Shop\nA shop.', null),
      outDir: root,
      journal,
      events: bus,
      gateway,
      signal: new AbortController().signal,
      clock,
      config: {},
    } as unknown as RunContext;
    // What memory retrieval hands on: one lesson, which the project's config.ts breaks.
    const memory = { lessons: [{ ...portLesson, critical: false }], constraints: [] };
    const retrieval = defineStage<typeof memory>({
      name: 'memory-retrieval',
      title: 'Memory retrieval',
      outputSchema: z.any(),
      run: () => Promise.resolve(memory),
      summarize: () => '1 lesson',
      store: (state, output) => ({ ...state, memory: output as unknown as RunState['memory'] }),
    });
    const { state, error } = await runStages(context, [retrieval, reviewStage]);
    sink.flush();
    expect(error).toBeNull();
    const raised = events.filter((event) => event.type === 'finding-raised');
    expect(raised.length).toBe(state.review!.findings.length);
    expect(raised).toContainEqual(
      expect.objectContaining({
        stage: 'review',
        source: 'security',
        file: 'src/users.ts',
        line: 4,
        blocking: true,
      }),
    );
    expect(raised).toContainEqual(
      expect.objectContaining({
        source: 'architecture',
        file: 'src/config.ts',
        line: 2,
        lessonId: portLesson.id,
        blocking: false,
      }),
    );
    const journaled = journal
      .listEvents('run_1')
      .filter((event) => event.type === 'finding-raised');
    expect(journaled).toHaveLength(raised.length);
    expect(journal.getCheckpoint('run_1', 'review')?.output).toMatchObject({ base: null });
  });
});
