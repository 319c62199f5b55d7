import { describe, expect, it } from 'vitest';
import { canonicalJson, stableHash } from './stable-hash.ts';

describe('stableHash', () => {
  it('hashes equal values equally whatever the key order', () => {
    expect(stableHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      stableHash({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(canonicalJson({ b: 1, a: undefined, c: null })).toBe('{"b":1,"c":null}');
  });

  it('tells different values apart', () => {
    expect(stableHash({ a: [1, 2] })).not.toBe(stableHash({ a: [2, 1] }));
  });
});
