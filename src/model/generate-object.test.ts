import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LokiError } from '../core/index.ts';
import { generateObject } from './generate-object.ts';
import { createTestGateway } from './testing.ts';

const schema = z.object({ items: z.array(z.string()).min(1) });
const request = {
  role: 'planner' as const,
  stage: 'decomposition',
  agent: 'planner',
  messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'list things' }] }],
};

describe('generateObject', () => {
  it('sends the JSON schema as the response format and in the prompt', async () => {
    const { gateway, model } = createTestGateway({ replies: [{ object: { items: ['a'] } }] });
    const { object } = await generateObject(gateway, request, { schema, name: 'list' });
    expect(object).toEqual({ items: ['a'] });
    const call = model.calls[0]!;
    expect(call.responseFormat).toMatchObject({
      type: 'json',
      name: 'list',
      schema: { type: 'object' },
    });
    expect(call.prompt[0]).toMatchObject({
      role: 'system',
      content: expect.stringContaining('"items"'),
    });
  });

  it('repairs a reply that is almost JSON without asking again', async () => {
    const { gateway, model } = createTestGateway({
      replies: [{ text: "```json\n{items: ['a',],}\n```" }],
    });
    const { object, calls } = await generateObject(gateway, request, { schema, name: 'list' });
    expect(object).toEqual({ items: ['a'] });
    expect(calls).toHaveLength(1);
    expect(model.calls).toHaveLength(1);
  });

  it('re-asks once with the validation error, and accepts the corrected reply', async () => {
    const { gateway, model } = createTestGateway({
      replies: [{ object: { items: [] } }, { object: { items: ['b'] } }],
    });
    const { object } = await generateObject(gateway, request, { schema, name: 'list' });
    expect(object).toEqual({ items: ['b'] });
    const reask = JSON.stringify(model.calls[1]!.prompt.at(-1));
    expect(reask).toContain('That reply cannot be used');
    expect(reask).toContain('items');
  });

  it('applies extra validation and fails clearly when the model never gets it right', async () => {
    const { gateway } = createTestGateway({
      replies: [{ object: { items: ['x'] }, repeat: true }],
    });
    const attempt = generateObject(gateway, request, {
      schema,
      name: 'list',
      validate: (value) => (value.items.includes('x') ? ['"x" is not allowed'] : []),
      maxRepairs: 2,
    });
    await expect(attempt).rejects.toSatisfy(
      (error: unknown) =>
        LokiError.isInstance(error) &&
        error.code === 'model.invalid-structured-output' &&
        error.message.includes('after 3 attempts') &&
        error.message.includes('"x" is not allowed'),
    );
  });
});
