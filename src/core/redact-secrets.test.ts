import { describe, expect, it } from 'vitest';
import { createRedactor, secretValuesOf } from './redact-secrets.ts';

describe('createRedactor', () => {
  it('replaces known secret values anywhere in a nested value, leaving the rest', () => {
    const redact = createRedactor(
      secretValuesOf({ ANTHROPIC_API_KEY: 'abc123secretvalue', HOME: '/root' }),
    );
    const value = { prompt: [{ text: 'key is abc123secretvalue, home /root' }], count: 3 };
    expect(redact(value)).toEqual({
      prompt: [{ text: 'key is [REDACTED], home /root' }],
      count: 3,
    });
    expect(value.prompt[0]!.text).toContain('abc123secretvalue');
  });

  it('redacts credential-shaped strings it was not told about', () => {
    const redact = createRedactor([]);
    const text = [
      'sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'AKIAABCDEFGHIJKLMNOP',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
    ].join('\n');
    expect(redact(text)).toBe(
      '[REDACTED]\n[REDACTED]\n[REDACTED]\nAuthorization: Bearer [REDACTED]',
    );
  });
});
