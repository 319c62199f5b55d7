import { z } from 'zod';

/** Which requests a reply may answer; a reply without one answers any request. */
export const replyMatchSchema = z.strictObject({
  /** A text that must appear somewhere in the text of the request's messages. */
  promptIncludes: z.string().optional(),
});
export type ReplyMatch = z.infer<typeof replyMatchSchema>;

/** One tool call of a scripted reply. */
export const scriptedToolCallSchema = z.strictObject({
  /** The tool call id sent on the wire; `call_<reply>_<position>` when left out. */
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  /** The arguments: an object is sent as its JSON text, a string as it is (even if not JSON). */
  arguments: z.union([z.record(z.string(), z.unknown()), z.string()]),
});
export type ScriptedToolCall = z.infer<typeof scriptedToolCallSchema>;

const milliseconds = z.number().int().nonnegative();

/** A successful completion: text and/or tool calls, in either wire mode. */
export const normalReplySchema = z.strictObject({
  fault: z.undefined().optional(),
  match: replyMatchSchema.optional(),
  text: z.string().optional(),
  toolCalls: z.array(scriptedToolCallSchema).optional(),
  /** Defaults to `tool_calls` when the reply has tool calls, else `stop`. */
  finishReason: z.enum(['stop', 'length', 'tool_calls']).optional(),
  /** Defaults to a rough count: a token for every four characters. */
  usage: z
    .strictObject({
      promptTokens: z.number().int().nonnegative(),
      completionTokens: z.number().int().nonnegative(),
    })
    .optional(),
  /** Delay before the response starts (before its status line and headers). */
  latencyMs: milliseconds.optional(),
  /** Delay between the chunks of a streamed response. */
  chunkDelayMs: milliseconds.optional(),
});
export type NormalReply = z.infer<typeof normalReplySchema>;

/** HTTP 429 with an OpenAI-style error body, and a `Retry-After` header when given. */
export const rateLimitFaultSchema = z.strictObject({
  fault: z.literal('rate-limit'),
  match: replyMatchSchema.optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});

/** A 5xx status (500 unless given) with an OpenAI-style error body. */
export const serverErrorFaultSchema = z.strictObject({
  fault: z.literal('server-error'),
  match: replyMatchSchema.optional(),
  status: z.number().int().min(500).max(599).optional(),
});

/** Takes the request and never answers it, until the client goes away or the server closes. */
export const stallFaultSchema = z.strictObject({
  fault: z.literal('stall'),
  match: replyMatchSchema.optional(),
});

/** Starts a successful response and cuts the connection half-way through it. */
export const truncatedStreamFaultSchema = z.strictObject({
  fault: z.literal('truncated-stream'),
  match: replyMatchSchema.optional(),
});

/** A 200 whose body (or one SSE `data:` line of it) is not valid JSON. */
export const malformedJsonFaultSchema = z.strictObject({
  fault: z.literal('malformed-json'),
  match: replyMatchSchema.optional(),
});

/** Every fault a reply can inject, for messages that list them. */
export const faultNames = [
  'rate-limit',
  'server-error',
  'stall',
  'truncated-stream',
  'malformed-json',
] as const;

/** The fault value a bad reply named, for the error message. */
function faultOf(input: unknown): unknown {
  return typeof input === 'object' && input !== null && 'fault' in input ? input.fault : input;
}

/** One scripted answer of the test model server: a completion, or a fault to inject. */
export const replySchema = z.discriminatedUnion(
  'fault',
  [
    normalReplySchema,
    rateLimitFaultSchema,
    serverErrorFaultSchema,
    stallFaultSchema,
    truncatedStreamFaultSchema,
    malformedJsonFaultSchema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `unknown fault ${JSON.stringify(faultOf(issue.input))}; expected one of ` +
          `${faultNames.join(', ')} (or no "fault" for a normal reply)`
        : undefined,
  },
);
export type Reply = z.infer<typeof replySchema>;
export type FaultReply = Exclude<Reply, NormalReply>;

/** The replies the test model server gives, in the order it gives them. */
export const scriptSchema = z.strictObject({
  replies: z.array(replySchema),
});
export type Script = z.infer<typeof scriptSchema>;
