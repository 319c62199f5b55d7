import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { maxPrdBytes, parsePrd } from './prd.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return LokiError.isInstance(error) ? `${error.category}:${error.code}` : 'other';
  }
  return 'none';
};

describe('parsePrd', () => {
  it('takes the first heading as the title', () => {
    expect(parsePrd('\n# Todo API\n\nA service.', 'PRD.md')).toEqual({
      text: '\n# Todo API\n\nA service.',
      path: 'PRD.md',
      title: 'Todo API',
    });
  });

  it('refuses empty, whitespace-only, binary and oversized PRDs as bad input', () => {
    expect(codeOf(() => parsePrd('', 'a.md'))).toBe('bad-input:prd.empty');
    expect(codeOf(() => parsePrd(' \n\t\n', 'a.md'))).toBe('bad-input:prd.empty');
    expect(codeOf(() => parsePrd('ab\u0000cd', 'a.md'))).toBe('bad-input:prd.binary');
    expect(codeOf(() => parsePrd('x'.repeat(maxPrdBytes + 1), 'a.md'))).toBe(
      'bad-input:prd.too-large',
    );
    expect(codeOf(() => parsePrd('x'.repeat(maxPrdBytes), 'a.md'))).toBe('none');
  });
});
