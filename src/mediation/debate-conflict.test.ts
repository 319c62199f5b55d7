import { describe, expect, it } from 'vitest';
import { createTestGateway } from '../model/testing.ts';
import { debateConflict } from './debate-conflict.ts';
import type { MemoryConflict } from './mediation-decision.ts';

const conflict: MemoryConflict = {
  findingId: 'f1',
  lessonId: 'mem_7',
  lessonText: 'CRITICAL: never store passwords with a fast hash; use scrypt or argon2.',
  title: 'Passwords hashed with sha256',
  detail: 'src/auth.js hashes passwords with createHash("sha256").',
  file: 'src/auth.js',
  line: 12,
  codeExcerpt: "const hash = createHash('sha256').update(password).digest('hex');",
};

describe('debateConflict (scripted model)', () => {
  it('hears both advocates, then the mediator decides with a justification', async () => {
    const { gateway, model } = createTestGateway({
      replies: [
        {
          match: { agent: 'advocate-lesson:f1' },
          text: 'sha256 is brute-forced at billions per second.',
        },
        { match: { agent: 'advocate-code:f1' }, text: 'It is faster.' },
        {
          match: { agent: 'mediator:f1' },
          object: {
            decision: 'REMEDIATE',
            justification: 'Speed does not outweigh cracking risk.',
            remediation: 'Hash with scrypt and a per-user salt.',
          },
        },
      ],
    });
    const record = await debateConflict(gateway, conflict);
    expect(record).toMatchObject({
      findingId: 'f1',
      lessonId: 'mem_7',
      lessonCase: 'sha256 is brute-forced at billions per second.',
      codeCase: 'It is faster.',
      decidedBy: 'mediator',
      decision: { decision: 'REMEDIATE', remediation: 'Hash with scrypt and a per-user salt.' },
    });
    const mediatorPrompt = JSON.stringify(
      model.calls.find((call) => JSON.stringify(call.providerOptions).includes('mediator:f1'))
        ?.prompt,
    );
    expect(mediatorPrompt).toContain('sha256 is brute-forced');
    expect(mediatorPrompt).toContain('It is faster.');
  });

  it('re-asks a mediator whose EVOLVE decision forgets the new lesson', async () => {
    const { gateway } = createTestGateway({
      replies: [
        { match: { agent: 'advocate-lesson:f1' }, text: 'a' },
        { match: { agent: 'advocate-code:f1' }, text: 'b' },
        {
          match: { agent: 'mediator:f1' },
          object: { decision: 'EVOLVE', justification: 'The lesson is too broad.' },
        },
        {
          match: { agent: 'mediator:f1' },
          object: {
            decision: 'EVOLVE',
            justification: 'The lesson is too broad.',
            evolvedLesson: 'Use scrypt for user passwords; sha256 is fine for cache keys.',
          },
        },
      ],
    });
    const record = await debateConflict(gateway, conflict);
    expect(record.decision.evolvedLesson).toBe(
      'Use scrypt for user passwords; sha256 is fine for cache keys.',
    );
  });
});
