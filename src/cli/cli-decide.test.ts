import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../journal/index.ts';
import { SqliteMemoryStore } from '../memory/index.ts';
import { buildProduct, debate, finding, nodeProject } from '../pipeline/resolution/test-support.ts';
import { cleanEnvironment, createWorkspace, runLoki, tinyGraph } from './testing/run-loki.ts';

const runId = 'run_decide';

/**
 * A run that built its product and was reviewed, stopped before conflict resolution: the
 * journal holds the checkpoints of the stages before it and the review's finding, a memory
 * conflict; the memory file holds the lesson it contradicts.
 */
async function reviewedRun() {
  const { cwd, home } = createWorkspace();
  const outDir = await buildProduct(
    nodeProject({
      'src/fingerprint.js':
        "import { createHash } from 'node:crypto';\n\nexport const fingerprint = (text) => createHash('sha256').update(text).digest('hex');\n",
      'test/fingerprint.test.js':
        "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { fingerprint } from '../src/fingerprint.js';\ntest('stable', () => assert.equal(fingerprint('a'), fingerprint('a')));\n",
    }),
  );
  const memoryPath = join(cwd, 'memory.db');
  const memory = SqliteMemoryStore.open(memoryPath);
  const { item: lesson } = await memory.write({
    type: 'learned_lesson',
    content: 'Never use sha256; use scrypt.',
  });
  await memory.close();
  writeFileSync(
    join(cwd, 'session.json'),
    JSON.stringify({
      replies: debate('f-fp', {
        decision: 'ESCALATE',
        justification: 'Whether fingerprints count as secrets is a product decision.',
      }),
    }),
  );
  using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
  journal.createRun({
    runId,
    prd: '# Fingerprints\nFingerprint texts.',
    prdPath: null,
    outDir,
    settings: {
      kind: 'run',
      config: {
        model: 'scripted/session.json',
        sandbox: 'none',
        memory: memoryPath,
        gates: { requireLinter: false, minCoveragePercent: 0 },
      },
    },
    createdAt: Date.now(),
  });
  journal.updateRun(runId, { status: 'stopped', pid: null, updatedAt: Date.now() });
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: outDir, encoding: 'utf8' });
  const conflict = finding({
    id: 'f-fp',
    file: 'src/fingerprint.js',
    line: 3,
    lessonId: lesson.id,
  });
  const checkpoints: Record<string, unknown> = {
    'memory-retrieval': { lessons: [], constraints: [] },
    decomposition: tinyGraph,
    execution: { tasks: [], head: head.trim(), lines: 3, stoppedBy: null },
    review: { base: null, findings: [conflict], reviewers: [] },
    'conflict-resolution:review:0': [conflict],
  };
  for (const [stage, output] of Object.entries(checkpoints))
    journal.saveCheckpoint({ runId, stage, output, at: Date.now() });
  return { cwd, env: cleanEnvironment(home), memoryPath, lessonId: lesson.id };
}

describe('loki decide (real child processes)', () => {
  it('an escalated conflict pauses the run (needs_decision, naming loki decide); loki decide evolve resumes it to completion', async () => {
    const { cwd, env, memoryPath, lessonId } = await reviewedRun();
    const paused = await runLoki(['resume', runId], { cwd, env });
    expect(paused.code).toBe(1);
    expect(paused.stdout).toContain(`${runId} needs_decision (needs-decision)`);
    expect(paused.stderr).toContain(`loki decide ${runId} <finding> evolve --lesson`);
    expect(paused.stderr).toContain('f-fp');
    {
      using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
      expect(journal.getRun(runId)).toMatchObject({ status: 'needs_decision', finishedAt: null });
    }

    const unknown = await runLoki(['decide', runId, 'f-nope', 'remediate'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('waiting: f-fp');
    const noLesson = await runLoki(['decide', runId, 'f-fp', 'evolve'], { cwd, env });
    expect(noLesson.code).toBe(2);
    expect(noLesson.stderr).toContain('--lesson');

    const evolved = 'Hash passwords with scrypt; sha256 is right for content fingerprints.';
    const decided = await runLoki(['decide', runId, 'f-fp', 'evolve', '--lesson', evolved], {
      cwd,
      env,
    });
    expect(decided.stderr).toContain('decision on f-fp recorded (evolve)');
    expect(decided.code).toBe(0);
    expect(decided.stdout).toContain(`${runId} succeeded`);
    using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
    expect(journal.getRun(runId)?.status).toBe('succeeded');
    const output = journal.getCheckpoint(runId, 'conflict-resolution')?.output as {
      debates: { findingId: string; decidedBy: string; decision: { decision: string } }[];
      evolutions: { oldLessonId: string; newLessonId: string }[];
    };
    expect(output.debates).toMatchObject([
      { findingId: 'f-fp', decidedBy: 'person', decision: { decision: 'EVOLVE' } },
    ]);
    // The debate was held once, in the first session: the person's decision needed no model.
    expect(journal.listModelCalls(runId)).toHaveLength(3);
    const memory = SqliteMemoryStore.open(memoryPath);
    try {
      const old = await memory.get(lessonId);
      const successor = await memory.get(output.evolutions[0]!.newLessonId);
      expect(old?.supersededBy).toBe(successor?.id);
      expect(successor?.supersedes).toEqual([lessonId]);
      expect(successor?.content).toContain(evolved);
    } finally {
      await memory.close();
    }
  }, 180_000);
});
