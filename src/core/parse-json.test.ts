import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJson } from './parse-json.ts';

const schema = z.object({ name: z.string(), tags: z.array(z.string()) });

describe('parseJson', () => {
  it('returns the validated value of valid JSON', () => {
    expect(parseJson('{"name":"a","tags":["x"]}', schema)).toEqual({
      success: true,
      value: { name: 'a', tags: ['x'] },
      repaired: false,
    });
  });

  it('names the path and the problem when the shape is wrong', () => {
    const result = parseJson('{"name":"a","tags":"x"}', schema);
    expect(result.success).toBe(false);
    expect(!result.success && result.error).toMatch(/^tags: .*array/);
  });

  it('refuses invalid JSON unless asked to repair it', () => {
    const result = parseJson("{name: 'a', tags: ['x'],}", schema);
    expect(result.success).toBe(false);
    expect(!result.success && result.error).toMatch(/not valid JSON/);
  });

  it('repairs model-style JSON: a Markdown fence with prose, single quotes, trailing commas', () => {
    const text = "Here is the plan:\n```json\n{name: 'a', tags: ['x',],}\n```\nDone.";
    expect(parseJson(text, schema, { repair: true })).toEqual({
      success: true,
      value: { name: 'a', tags: ['x'] },
      repaired: true,
    });
  });
});
