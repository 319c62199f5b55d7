import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReviewFinding } from '../../review/index.ts';
import {
  agentTurn,
  buildProduct,
  debate,
  finding,
  finish,
  nodeProject,
  resolutionContext,
  write,
} from '../resolution/test-support.ts';
import { runStages } from '../run-stages.ts';
import { createConflictResolutionStage } from './conflict-resolution.ts';

// Conflict resolution on real products: git repositories, real test runs and quality gates,
// a real memory store; the model is scripted and the reviewers are analyzers of the test's own.

const test = (name: string, body: string) =>
  `import test from 'node:test';\nimport assert from 'node:assert/strict';\n${body.replace('NAME', name)}\n`;

const sha256Passwords = `import { createHash } from 'node:crypto';

export function hashPassword(password) {
  return createHash('sha256').update(password).digest('hex');
}

export function verifyPassword(password, stored) {
  return hashPassword(password) === stored;
}
`;
const scryptPasswords = `import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export function hashPassword(password) {
  const salt = randomBytes(16).toString('hex');
  return \`\${salt}:\${scryptSync(password, salt, 32).toString('hex')}\`;
}

export function verifyPassword(password, stored) {
  const [salt, hash] = stored.split(':');
  return timingSafeEqual(Buffer.from(hash, 'hex'), scryptSync(password, salt, 32));
}
`;
const passwordTest = test(
  'passwords',
  `import { hashPassword, verifyPassword } from '../src/passwords.js';
test('a password verifies against its own hash only', () => {
  assert.ok(verifyPassword('secret', hashPassword('secret')));
  assert.ok(!verifyPassword('guess', hashPassword('secret')));
});`,
);
const slowTotal = `export function total(items) {
  let sum = 0;
  for (const item of items) sum += JSON.parse(JSON.stringify(item)).price;
  return sum;
}
`;
const listTest = test(
  'list',
  `import { total } from '../src/list.js';
test('total adds prices', () => assert.equal(total([{ price: 2 }, { price: 3 }]), 5));`,
);

describe('conflict resolution: memory conflicts', () => {
  it('REMEDIATE: a scoped sub-agent fixes the code, triage fixes a high finding, the re-review comes back clean but for a low finding', async () => {
    const outDir = await buildProduct(
      nodeProject({
        'src/passwords.js': sha256Passwords,
        'test/passwords.test.js': passwordTest,
        'src/list.js': slowTotal,
        'test/list.test.js': listTest,
      }),
    );
    const { context, events, memory, journal } = resolutionContext({
      outDir,
      replies: [
        ...debate('f-hash', {
          decision: 'REMEDIATE',
          justification: 'sha256 is cracked at billions of guesses a second.',
          remediation: 'Hash with scrypt and a per-password salt.',
        }),
        agentTurn(
          'task:fix-r1-src-passwords-js',
          write('src/passwords.js', scryptPasswords),
          // Outside its scope: put back as main has it.
          write('src/list.js', 'export const total = () => 0;\n'),
          finish('Passwords hashed with salted scrypt.'),
        ),
        agentTurn(
          'task:fix-r1-src-list-js',
          write(
            'src/list.js',
            'export function total(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n',
          ),
          finish('total sums without copying.'),
        ),
      ],
    });
    const lesson = await memory.write({
      type: 'learned_lesson',
      content: 'Never hash passwords with a fast hash such as sha256; use scrypt or argon2.',
      severity: 'critical',
    });
    const read = (file: string) => readFileSync(join(outDir, file), 'utf8');
    const naming = finding({
      id: 'f-name',
      reviewer: 'architecture',
      severity: 'low',
      file: 'src/list.js',
      title: 'total could say what it totals',
    });
    // The test's reviewers: deterministic checks of the files as they are on main.
    let reviews = 0;
    const reviewers = (): ReviewFinding[] => {
      reviews++;
      const found: ReviewFinding[] = [naming];
      if (read('src/passwords.js').includes("createHash('sha256')"))
        found.push(
          finding({
            id: 'f-hash',
            severity: 'medium',
            file: 'src/passwords.js',
            line: 4,
            title: 'Passwords hashed with sha256',
            lessonId: lesson.item.id,
          }),
        );
      if (read('src/list.js').includes('JSON.parse(JSON.stringify'))
        found.push(
          finding({
            id: 'f-copy',
            reviewer: 'performance',
            file: 'src/list.js',
            line: 3,
            title: 'A deep copy per item inside the loop',
          }),
        );
      return found;
    };
    const initial = reviewers();
    const stage = createConflictResolutionStage({
      findingsOf: () => initial,
      review: () => Promise.resolve(reviewers()),
    });
    const { state, error, outcomes } = await runStages(context, [stage]);
    expect(error).toBeNull();
    const output = state.conflictResolution!;
    expect(output.debates).toMatchObject([
      { findingId: 'f-hash', lessonId: lesson.item.id, decidedBy: 'mediator' },
    ]);
    expect(output.debates[0]?.decision.decision).toBe('REMEDIATE');
    expect(
      output.remediations.map((remediation) => [
        remediation.task.id,
        remediation.task.role,
        remediation.scope,
        remediation.findingIds,
        remediation.result.status,
      ]),
    ).toEqual([
      ['fix-r1-src-list-js', 'backend', ['src/list.js'], ['f-copy'], 'done'],
      ['fix-r1-src-passwords-js', 'security', ['src/passwords.js'], ['f-hash'], 'done'],
    ]);
    expect(output.reviewRounds).toBe(1);
    expect(reviews).toBe(2);
    expect(output.remainingFindings.map((remaining) => remaining.id)).toEqual(['f-name']);
    expect(read('src/passwords.js')).toContain('scryptSync');
    expect(read('src/list.js')).toContain('reduce');
    expect(
      events.some(
        (event) => event.type === 'warning-raised' && event.message.includes('outside its scope'),
      ),
    ).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'debate-finished',
        findingId: 'f-hash',
        decision: 'REMEDIATE',
      }),
    );
    expect(journal.getCheckpoint('run_1', 'conflict-resolution:debate:f-hash')).toBeDefined();
    expect(output.gates.passed).toBe(true);
    expect(outcomes[0]?.summary).toMatch(
      /^1 debate \(1 remediate\); 2\/2 remediation tasks done; 1 finding left \(0 critical\/high\); gates pass: tests 2\/2 passed/,
    );
    // The task agent was told the lesson and what must change.
    const task = output.remediations[1]!.task;
    expect(task.description).toContain('Hash with scrypt and a per-password salt.');
    expect(task.description).toContain(lesson.item.content);
  }, 120_000);

  it('EVOLVE: writes the lesson as it reads now, superseding the old one, linked both ways; nothing is remediated', async () => {
    const fingerprint = `import { createHash } from 'node:crypto';\n\nexport const fingerprint = (text) => createHash('sha256').update(text).digest('hex');\n`;
    const outDir = await buildProduct(
      nodeProject({
        'src/fingerprint.js': fingerprint,
        'test/fingerprint.test.js': test(
          'fingerprint',
          `import { fingerprint } from '../src/fingerprint.js';\ntest('same text, same print', () => assert.equal(fingerprint('a'), fingerprint('a')));`,
        ),
      }),
    );
    const evolved = 'Hash passwords with scrypt; sha256 is right for content fingerprints.';
    const { context, memory, model } = resolutionContext({
      outDir,
      replies: debate('f-fp', {
        decision: 'EVOLVE',
        justification: 'The lesson is about passwords; a fingerprint is not a secret.',
        evolvedLesson: evolved,
      }),
    });
    const { item: old } = await memory.write({
      type: 'learned_lesson',
      content: 'Never use sha256; use scrypt.',
      tags: ['crypto'],
    });
    let reviews = 0;
    const stage = createConflictResolutionStage({
      findingsOf: () => [
        finding({ id: 'f-fp', file: 'src/fingerprint.js', line: 3, lessonId: old.id }),
      ],
      review: () => Promise.resolve((reviews++, [])),
    });
    const { state, error } = await runStages(context, [stage]);
    expect(error).toBeNull();
    const output = state.conflictResolution!;
    const [evolution] = output.evolutions;
    expect(evolution).toMatchObject({ findingId: 'f-fp', oldLessonId: old.id });
    const superseded = await memory.get(old.id);
    const successor = await memory.get(evolution!.newLessonId);
    expect(superseded?.supersededBy).toBe(successor?.id);
    expect(successor?.supersedes).toEqual([old.id]);
    expect(successor?.content).toContain(evolved);
    expect(successor).toMatchObject({ tags: ['crypto'], sourceRun: 'run_1' });
    expect((await memory.search('sha256')).map((hit) => hit.item.id)).toEqual([successor?.id]);
    expect(output.remediations).toEqual([]);
    expect(output.remainingFindings).toEqual([]);
    expect(reviews).toBe(0);
    // Run again as a resumed run would (its stage checkpoint lost): no debate, no second lesson.
    const calls = model.calls.length;
    context.journal.deleteCheckpoint('run_1', 'conflict-resolution');
    const again = await runStages(context, [stage]);
    expect(again.state.conflictResolution?.evolutions).toEqual(output.evolutions);
    expect(model.calls.length).toBe(calls);
    expect(await memory.list({ includeSuperseded: true })).toHaveLength(2);
  }, 60_000);

  it('ESCALATE: pauses the run with run.needs-decision naming the finding and loki decide', async () => {
    const outDir = await buildProduct(nodeProject({ 'src/a.js': 'export const a = 1;\n' }));
    const { context, memory, journal } = resolutionContext({
      outDir,
      replies: debate('f-a', { decision: 'ESCALATE', justification: 'A product call.' }),
    });
    const { item } = await memory.write({ type: 'learned_lesson', content: 'Constants are 2.' });
    const stage = createConflictResolutionStage({
      findingsOf: () => [finding({ id: 'f-a', file: 'src/a.js', lessonId: item.id })],
      review: () => Promise.resolve([]),
    });
    const { error } = await runStages(context, [stage]);
    expect(error?.code).toBe('run.needs-decision');
    expect(error?.message).toContain('f-a');
    expect(error?.message).toContain('A product call.');
    expect(error?.message).toContain('loki decide run_1 <finding> evolve --lesson');
    expect(journal.getCheckpoint('run_1', 'conflict-resolution')).toBeUndefined();
  }, 60_000);
});

describe('conflict resolution: quality gates', () => {
  it('coverage below the gate gives a test-writing task for the least-covered file, and the gate then passes', async () => {
    const math = `export const add = (a, b) => a + b;

export function clamp(value, low, high) {
  if (value < low) return low;
  if (value > high) return high;
  return value;
}

export function sign(value) {
  if (value > 0) return 1;
  if (value < 0) return -1;
  return 0;
}
`;
    const outDir = await buildProduct(
      nodeProject({
        'src/math.js': math,
        'src/name.js': "export const name = 'product';\n",
        'test/math.test.js': test(
          'math',
          `import { add } from '../src/math.js';\nimport { name } from '../src/name.js';\ntest('add', () => assert.equal(add(2, 2), 4));\ntest('name', () => assert.equal(name, 'product'));`,
        ),
      }),
    );
    const { context } = resolutionContext({
      outDir,
      config: { gates: { requireLinter: false, minCoveragePercent: 80 } },
      replies: [
        agentTurn(
          'task:gates-r1-coverage',
          write(
            'test/math-edges.test.js',
            test(
              'edges',
              `import { clamp, sign } from '../src/math.js';
test('clamp', () => {
  assert.equal(clamp(-1, 0, 9), 0);
  assert.equal(clamp(10, 0, 9), 9);
  assert.equal(clamp(5, 0, 9), 5);
});
test('sign', () => {
  assert.equal(sign(3), 1);
  assert.equal(sign(-3), -1);
  assert.equal(sign(0), 0);
});`,
            ),
          ),
          finish('Tests for clamp and sign.'),
        ),
      ],
    });
    const stage = createConflictResolutionStage({
      findingsOf: () => [],
      review: () => Promise.resolve([]),
    });
    const { state, error } = await runStages(context, [stage]);
    expect(error).toBeNull();
    const output = state.conflictResolution!;
    expect(output.remediations).toHaveLength(1);
    const [coverage] = output.remediations;
    expect(coverage).toMatchObject({
      kind: 'gates',
      gate: 'coverage',
      round: 1,
      scope: ['src/math.js'],
      task: { id: 'gates-r1-coverage', role: 'tests' },
      result: { status: 'done' },
    });
    expect(coverage?.task.description).toMatch(
      /src\/math\.js: \d+\.\d % of lines, uncovered lines/,
    );
    expect(output.gateRounds).toBe(1);
    expect(output.gates.passed).toBe(true);
    expect(output.gates.table.find((gate) => gate.gate === 'coverage')).toMatchObject({
      passed: true,
      measured: '100.0 %',
    });
    expect(readFileSync(join(outDir, 'test/math-edges.test.js'), 'utf8')).toContain('clamp');
  }, 120_000);
});
