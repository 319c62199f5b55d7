import { z } from 'zod';

const scriptedToolCallSchema = z.strictObject({
  id: z.string().optional(),
  name: z.string(),
  input: z.unknown(),
});

/** When a scripted reply answers: every given field must fit the call. */
export const replyMatchSchema = z.strictObject({
  stage: z.string().optional(),
  agent: z.string().optional(),
  role: z.string().optional(),
  /** A text that must appear somewhere in the prompt. */
  promptIncludes: z.string().optional(),
});
export type ReplyMatch = z.infer<typeof replyMatchSchema>;

export const scriptedReplySchema = z
  .strictObject({
    match: replyMatchSchema.optional(),
    /** Plain text of the reply. */
    text: z.string().optional(),
    /** A structured reply; sent as its JSON text. */
    object: z.unknown().optional(),
    toolCalls: z.array(scriptedToolCallSchema).optional(),
    finishReason: z.enum(['stop', 'length', 'tool-calls', 'content-filter']).optional(),
    usage: z.strictObject({ inputTokens: z.int(), outputTokens: z.int() }).optional(),
    /** Serve this reply for every later turn that fits, instead of running out. */
    repeat: z.boolean().optional(),
  })
  .refine((reply) => !(reply.text !== undefined && reply.object !== undefined), {
    message: 'a reply has either text or object, not both',
  });
export type ScriptedReply = z.infer<typeof scriptedReplySchema>;

/**
 * A scripted model session: the replies a deterministic model gives, for tests and the demo.
 * Replies are chosen by what the call is (stage, agent, role, prompt text) and how far its
 * conversation has got (its turn: the number of assistant messages already in the prompt), so
 * a choice depends on the request alone — resumed and parallel runs get the same answers.
 */
export const scriptedSessionSchema = z.strictObject({
  description: z.string().optional(),
  replies: z.array(scriptedReplySchema),
});
export type ScriptedSession = z.infer<typeof scriptedSessionSchema>;
