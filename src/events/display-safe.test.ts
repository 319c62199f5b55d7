import { describe, expect, test } from 'vitest';
import { displaySafe } from './display-safe.ts';

describe('displaySafe', () => {
  test('removes escapes and turns line breaks and controls into spaces, in every nested string', () => {
    const event = {
      type: 'stage-failed',
      at: 5,
      error: {
        code: 'stack.test-failed',
        message: '\u001b[31m2 failed\u001b[39m\n  at x.test.ts\t:3',
      },
      tasks: [{ dependsOn: ['t1\r\n'] }],
    };
    expect(displaySafe(event)).toEqual({
      type: 'stage-failed',
      at: 5,
      error: { code: 'stack.test-failed', message: '2 failed   at x.test.ts :3' },
      tasks: [{ dependsOn: ['t1 '] }],
    });
    expect(event.error.message).toContain('\n');
  });
});
