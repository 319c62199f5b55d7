import { describe, expect, it } from 'vitest';
import {
  criteriaBriefOf,
  heldOutCount,
  productCriteriaOf,
  redactHeldOut,
  withoutHeldOut,
} from './product-criteria.ts';

const criteria = Array.from({ length: 8 }, (_, index) => `criterion number ${index + 1}`);

describe('product criteria held out', () => {
  it('holds out a quarter by default, at least one of two or more, none of one, none at 0 %', () => {
    expect(heldOutCount(8, 25)).toBe(2);
    expect(heldOutCount(2, 25)).toBe(1);
    expect(heldOutCount(3, 10)).toBe(1);
    expect(heldOutCount(1, 25)).toBe(0);
    expect(heldOutCount(0, 25)).toBe(0);
    expect(heldOutCount(8, 0)).toBe(0);
    expect(heldOutCount(8, 100)).toBe(8);
  });

  it('chooses by a hash of the text: the same criteria whatever their order, ids by place', () => {
    const chosen = productCriteriaOf({ acceptanceCriteria: criteria }, 25);
    expect(chosen.map((criterion) => criterion.id)).toEqual(criteria.map((_, i) => `ac-${i + 1}`));
    const held = chosen.filter((criterion) => criterion.heldOut).map((criterion) => criterion.text);
    expect(held).toHaveLength(2);
    const reversed = productCriteriaOf({ acceptanceCriteria: [...criteria].reverse() }, 25);
    expect(
      reversed
        .filter((c) => c.heldOut)
        .map((c) => c.text)
        .sort(),
    ).toEqual([...held].sort());
    expect(productCriteriaOf({ acceptanceCriteria: criteria }, 25)).toEqual(chosen);
    expect(productCriteriaOf(undefined, 25)).toEqual([]);
  });

  it("keeps a held-out criterion out of a task's criteria and out of text a coder reads", () => {
    const brief = criteriaBriefOf([
      { id: 'ac-1', text: 'GET / answers hello', heldOut: false },
      { id: 'ac-2', text: 'GET /health answers ok', heldOut: true },
    ]);
    expect(brief).toEqual({
      visible: ['GET / answers hello'],
      heldOut: ['GET /health answers ok'],
    });
    expect(
      withoutHeldOut(
        ['tests pass', 'get /health  answers OK', 'Also: GET /health answers ok.'],
        brief,
      ),
    ).toEqual(['tests pass']);
    expect(redactHeldOut('the check of GET /health answers ok failed', brief)).toBe(
      'the check of [a held-out criterion] failed',
    );
  });
});
