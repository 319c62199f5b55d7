import { z } from 'zod';

const messageContentSchema = z.union([
  z.string(),
  z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
  z.null(),
]);

/**
 * The parts of an OpenAI chat-completions request body the test server reads. Lenient: any
 * other field a client sends is kept and ignored.
 */
export const chatRequestSchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(z.looseObject({ role: z.string(), content: messageContentSchema.optional() })),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** All the text of a request's messages, one message a line: what `promptIncludes` searches. */
export function promptTextOf(request: ChatRequest): string {
  return request.messages.map((message) => contentText(message.content)).join('\n');
}

/** The start of the last user message, to name a request in an error message. */
export function lastUserTextStart(request: ChatRequest, length = 80): string {
  const last = request.messages.findLast((message) => message.role === 'user');
  const text = last === undefined ? '' : contentText(last.content);
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function contentText(content: ChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}
