import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../journal/index.ts';
import { SqliteMemoryStore } from '../memory/index.ts';
import type { ScriptedReply } from '../model/index.ts';
import {
  agentTurn,
  buildProduct,
  debate,
  finding,
  finish,
  nodeProject,
  write,
} from '../pipeline/resolution/test-support.ts';
import { cleanEnvironment, createWorkspace, runLoki, tinyGraph } from './testing/run-loki.ts';

const runId = 'run_decide';

/**
 * A run that built its product and was reviewed, stopped before conflict resolution: the
 * journal holds the checkpoints of the stages before it and the review's finding, a memory
 * conflict; the memory file holds the lesson it contradicts.
 */
async function reviewedRun(moreReplies: ScriptedReply[] = []) {
  const { cwd, home } = createWorkspace();
  const outDir = await buildProduct(
    nodeProject({
      'README.md': '# Fingerprints\n',
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
      replies: [
        ...debate('f-fp', {
          decision: 'ESCALATE',
          justification: 'Whether fingerprints count as secrets is a product decision.',
        }),
        ...moreReplies,
      ],
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
  return { cwd, env: cleanEnvironment(home), memoryPath, lessonId: lesson.id, outDir };
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

  it("loki decide remediate resumes the run: a remediation task scoped to the finding's file fixes it, the re-review is clean, the run succeeds", async () => {
    const scrypt =
      "import { scryptSync } from 'node:crypto';\n\nexport const fingerprint = (text) => scryptSync(text, 'fingerprint', 32).toString('hex');\n";
    const { cwd, env, outDir } = await reviewedRun([
      agentTurn(
        'task:fix-r1-src-fingerprint-js',
        write('src/fingerprint.js', scrypt),
        // Outside the finding's file: put back as main has it.
        write('README.md', '# Rewritten by the remediation\n'),
        finish('Fingerprints with scrypt, as the lesson says.'),
      ),
      // The reviewers after the remediation: nothing to add to the analyzers.
      ...['security', 'performance', 'architecture'].map((reviewer): ScriptedReply => ({
        match: { stage: 'conflict-resolution', agent: `${reviewer}-reviewer` },
        object: { findings: [] },
        repeat: true,
      })),
    ]);
    const before = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: outDir, encoding: 'utf8' });
    const paused = await runLoki(['resume', runId], { cwd, env });
    expect(paused.code).toBe(1);
    expect(paused.stdout).toContain(`${runId} needs_decision (needs-decision)`);
    expect(paused.stderr).toContain(`loki decide ${runId} <finding> remediate`);

    const evolveOnly = await runLoki(['decide', runId, 'f-fp', 'remediate', '--lesson', 'x'], {
      cwd,
      env,
    });
    expect(evolveOnly.code).toBe(2);
    expect(evolveOnly.stderr).toContain('--lesson goes with evolve');

    const decided = await runLoki(['decide', runId, 'f-fp', 'remediate'], { cwd, env });
    expect(decided.stderr).toContain(`decision on f-fp recorded (remediate); resuming ${runId}`);
    expect(decided.stdout).toContain(`${runId} succeeded ${outDir}`);
    expect(decided.code).toBe(0);
    // Progress on stderr: the person's decision, the scoped fix, the clean re-review.
    expect(decided.stderr).toContain('f-fp');
    expect(decided.stderr).toMatch(/REMEDIATE by the person/);
    expect(decided.stderr).toContain(
      'fix-r1-src-fingerprint-js changed files outside its scope (README.md)',
    );
    expect(decided.stderr).toMatch(/1\/1 remediation task done; 0 findings left/);

    using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
    expect(journal.getRun(runId)?.status).toBe('succeeded');
    const output = journal.getCheckpoint(runId, 'conflict-resolution')?.output as {
      debates: { findingId: string; decidedBy: string; decision: { decision: string } }[];
      remediations: {
        task: { id: string; description: string };
        scope: string[];
        findingIds: string[];
        result: { status: string; filesChanged: string[] };
      }[];
      reviewRounds: number;
      remainingFindings: unknown[];
      gates: { passed: boolean };
    };
    expect(output.debates).toMatchObject([
      { findingId: 'f-fp', decidedBy: 'person', decision: { decision: 'REMEDIATE' } },
    ]);
    expect(output.remediations).toHaveLength(1);
    const [remediation] = output.remediations;
    expect(remediation).toMatchObject({
      task: { id: 'fix-r1-src-fingerprint-js' },
      scope: ['src/fingerprint.js'],
      findingIds: ['f-fp'],
      result: { status: 'done', filesChanged: ['src/fingerprint.js'] },
    });
    // The sub-agent was told the lesson and the person's decision.
    expect(remediation!.task.description).toContain('Never use sha256; use scrypt.');
    expect(remediation!.task.description).toContain('keeps the lesson');
    // The re-review came back clean; the gates passed.
    expect(output.reviewRounds).toBe(1);
    expect(output.remainingFindings).toEqual([]);
    expect(output.gates.passed).toBe(true);
    const reviewers = journal
      .listModelCalls(runId)
      .filter((call) => call.stage === 'conflict-resolution' && call.agent.endsWith('-reviewer'));
    expect(reviewers.map((call) => call.agent).sort()).toEqual([
      'architecture-reviewer',
      'performance-reviewer',
      'security-reviewer',
    ]);
    // Only the finding's file changed on main; the README the agent rewrote was put back.
    const changed = execFileSync('git', ['diff', '--name-only', before.trim(), 'HEAD'], {
      cwd: outDir,
      encoding: 'utf8',
    });
    expect(changed.trim().split('\n')).toEqual(['src/fingerprint.js']);
    expect(readFileSync(join(outDir, 'src/fingerprint.js'), 'utf8')).toBe(scrypt);
    expect(readFileSync(join(outDir, 'README.md'), 'utf8')).toBe('# Fingerprints\n');
  }, 240_000);
});
