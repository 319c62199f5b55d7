import type { JSONSchema7 } from '@ai-sdk/provider';
import { z } from 'zod';
import { LokiError, parseJson } from '../core/index.ts';
import type { ModelCallResult, ModelGateway } from './model-gateway.ts';
import type { ModelRequest } from './model-request.ts';

export interface GenerateObjectOptions<Schema extends z.ZodType> {
  schema: Schema;
  /** A short name of what is asked for, e.g. `task_graph`. */
  name: string;
  /**
   * Checks beyond the schema (a task graph without cycles, say); returns the problems found,
   * each a sentence the model can act on. An empty list accepts the value.
   */
  validate?: (value: z.infer<Schema>) => string[];
  /** How many times a reply that does not fit may be sent back with its problems. */
  maxRepairs?: number;
}

export interface GenerateObjectResult<T> {
  object: T;
  /** Every call it took, the first and each repair. */
  calls: ModelCallResult[];
}

/**
 * Asks a model for a value of a zod schema. The JSON schema is sent as the response format
 * (where the provider supports it) and also stated in the prompt (for servers that only know
 * JSON mode, or none); the reply is parsed leniently (`jsonrepair`), validated, and when it
 * does not fit, the model is re-asked with the exact problems, `maxRepairs` times (default 1).
 */
export async function generateObject<Schema extends z.ZodType>(
  gateway: ModelGateway,
  request: Omit<ModelRequest, 'responseFormat' | 'tools' | 'toolChoice'>,
  options: GenerateObjectOptions<Schema>,
): Promise<GenerateObjectResult<z.infer<Schema>>> {
  const jsonSchema = z.toJSONSchema(options.schema) as JSONSchema7;
  const system = [
    request.system,
    `Reply with one JSON value and nothing else: no prose, no Markdown fence. It must match this JSON schema:\n${JSON.stringify(jsonSchema)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const maxRepairs = options.maxRepairs ?? 1;
  const calls: ModelCallResult[] = [];
  let messages = request.messages;
  let problems: string[] = [];
  for (let attempt = 0; attempt <= maxRepairs; attempt++) {
    const reply = await gateway.generate({
      ...request,
      system,
      messages,
      responseFormat: { type: 'json', schema: jsonSchema, name: options.name },
    });
    calls.push(reply);
    const parsed = parseJson(reply.text, options.schema, { repair: true });
    problems = parsed.success ? (options.validate?.(parsed.value) ?? []) : [parsed.error];
    if (parsed.success && problems.length === 0) return { object: parsed.value, calls };
    messages = [
      ...messages,
      { role: 'assistant', content: [{ type: 'text', text: reply.text }] },
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: `That reply cannot be used:\n${problems.map((problem) => `- ${problem}`).join('\n')}\nReply again with only the corrected JSON value.`,
          },
        ],
      },
    ];
  }
  throw new LokiError({
    code: 'model.invalid-structured-output',
    category: 'service-failed',
    message:
      `${calls.at(-1)?.model ?? 'the model'} did not produce a valid ${options.name} after ${maxRepairs + 1} ` +
      `attempts; last problems:\n${problems.join('\n')}`,
    details: { name: options.name, problems, lastReply: calls.at(-1)?.text.slice(0, 2000) },
  });
}
