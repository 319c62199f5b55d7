import { z } from 'zod';

export const toolCallSchema = z.object({
  toolCallId: z.string(),
  toolName: z.string(),
  /** The tool's input as the model wrote it: JSON text, parsed by whoever runs the tool. */
  input: z.string(),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

/**
 * One model reply, normalised across providers and across streaming and plain calls.
 * This is what the journal keeps and what a resumed run is served.
 */
export const modelReplySchema = z.object({
  text: z.string(),
  toolCalls: z.array(toolCallSchema),
  finishReason: z.string(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
});
export type ModelReply = z.infer<typeof modelReplySchema>;
