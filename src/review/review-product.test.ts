import { describe, expect, it } from 'vitest';
import { createTestGateway } from '../model/testing.ts';
import type { ScriptedReply } from '../model/index.ts';
import { reviewProduct } from './review-product.ts';
import {
  commitAll,
  gitProject,
  portLesson,
  seededFiles,
  writeFiles,
} from './testing/seeded-project.ts';

const clean = (agent: string): ScriptedReply => ({
  match: { agent },
  object: { findings: [] },
  repeat: true,
});
const lessonConflict = {
  severity: 'high',
  file: 'src/config.ts',
  line: 2,
  title: 'Hard-coded port',
  detail: 'The port is fixed in code; the lesson says settings come from the environment.',
};

describe('reviewProduct on a seeded project (real analyzers, scripted model)', () => {
  it('finds each seeded defect with the right reviewer, file and line', async () => {
    const root = gitProject(seededFiles);
    const { gateway, model } = createTestGateway({
      replies: [
        clean('security-reviewer'),
        clean('performance-reviewer'),
        // The first answer names a lesson that was not given and a file not shown: the lesson
        // is sent back to be repaired, the file is dropped.
        {
          match: { agent: 'architecture-reviewer' },
          object: {
            findings: [
              { ...lessonConflict, lessonId: 'lesson-invented' },
              { severity: 'high', file: 'src/ghost.ts', line: 3, title: 'Ghost', detail: 'x' },
            ],
          },
        },
        {
          match: { agent: 'architecture-reviewer' },
          object: {
            findings: [
              { ...lessonConflict, lessonId: portLesson.id },
              { severity: 'high', file: 'src/ghost.ts', line: 3, title: 'Ghost', detail: 'x' },
              { severity: 'low', file: 'src/a.ts', line: 400, title: 'Past the end', detail: 'x' },
            ],
          },
        },
      ],
    });
    const review = await reviewProduct({ root, lessons: [portLesson], gateway });

    const at = (reviewer: string, rule: string) =>
      review.findings.filter((finding) => finding.reviewer === reviewer && finding.rule === rule);
    expect(at('security', 'guard/injection.sql-concatenation')).toEqual([
      expect.objectContaining({ file: 'src/users.ts', line: 4, source: 'analyzer' }),
    ]);
    expect(at('performance', 'perf/query-in-loop')).toEqual([
      expect.objectContaining({
        file: 'src/orders.ts',
        line: 6,
        severity: 'high',
        source: 'analyzer',
      }),
    ]);
    const cycle = at('architecture', 'arch/no-circular');
    expect(cycle.length).toBeGreaterThan(0);
    expect(cycle[0]).toMatchObject({ line: 1, source: 'analyzer' });
    expect(['src/a.ts', 'src/b.ts']).toContain(cycle[0]!.file);
    expect(review.findings.filter((finding) => finding.source === 'model')).toEqual([
      expect.objectContaining({
        reviewer: 'architecture',
        file: 'src/config.ts',
        line: 2,
        lessonId: portLesson.id,
      }),
    ]);

    const architecture = review.reviewers.find((reviewer) => reviewer.name === 'architecture')!;
    expect(architecture.modelFindings).toBe(1);
    for (const reviewer of review.reviewers) expect(reviewer.promptTokens).toBeGreaterThan(0);
    // Four calls: one per reviewer, plus the architecture reviewer's repair.
    expect(model.calls).toHaveLength(4);
    const prompts = model.calls.map((call) => JSON.stringify(call.prompt));
    expect(
      prompts.filter((prompt) => prompt.includes('names lesson \\"lesson-invented\\"')),
    ).toHaveLength(1);
    for (const prompt of prompts) expect(prompt).toContain(portLesson.content);
  });

  it('keeps analyzer facts when the model disagrees, and ids are stable across reviews', async () => {
    const root = gitProject(seededFiles);
    const replies = [
      clean('security-reviewer'),
      clean('performance-reviewer'),
      clean('architecture-reviewer'),
    ];
    const first = await reviewProduct({
      root,
      lessons: [],
      gateway: createTestGateway({ replies }).gateway,
    });
    const second = await reviewProduct({
      root,
      lessons: [],
      gateway: createTestGateway({ replies }).gateway,
    });
    expect(first.findings.length).toBeGreaterThanOrEqual(3);
    expect(second.findings.map((finding) => finding.id)).toEqual(
      first.findings.map((finding) => finding.id),
    );
  });

  it('reviews only the diff since a base, reading the changed files and their imports', async () => {
    const root = gitProject({ ...seededFiles, 'src/orders.ts': 'export const none = 1;\n' });
    const base = commitAll(root, 'base');
    writeFiles(root, { 'src/orders.ts': seededFiles['src/orders.ts']! });
    commitAll(root, 'orders');
    const { gateway, model } = createTestGateway({
      replies: [
        clean('security-reviewer'),
        clean('performance-reviewer'),
        clean('architecture-reviewer'),
      ],
    });
    const review = await reviewProduct({ root, base, lessons: [], gateway });
    expect(review.base).toBe(base);
    // The cycle and the concatenated SQL are in files this change did not touch.
    expect(
      review.findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}`),
    ).toEqual(['perf/query-in-loop src/orders.ts:6']);
    const performance = review.reviewers.find((reviewer) => reviewer.name === 'performance')!;
    expect(performance.files.sort()).toEqual(['src/db.ts', 'src/orders.ts']);
    const prompt = JSON.stringify(
      model.calls.find((call) => JSON.stringify(call.prompt).includes('performance reviewer'))!
        .prompt,
    );
    expect(prompt).toContain('for (const id of userIds)');
    expect(prompt).not.toContain('SELECT * FROM users');
  });

  it('without a model runs the analyzers alone and says the judgement was skipped', async () => {
    const root = gitProject(seededFiles);
    const review = await reviewProduct({
      root,
      lessons: [],
      gateway: null,
      modelSkipped: 'no model reachable',
    });
    expect(review.findings.length).toBeGreaterThanOrEqual(3);
    expect(review.reviewers.map((reviewer) => reviewer.modelSkipped)).toEqual([
      'no model reachable',
      'no model reachable',
      'no model reachable',
    ]);
  });
});
