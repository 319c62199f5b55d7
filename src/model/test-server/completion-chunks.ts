import {
  chunkBody,
  finishReasonOf,
  piecesOf,
  usageChunkBody,
  type CompletionIdentity,
  type WireToolCall,
  type WireUsage,
} from './openai-wire-format.ts';
import type { NormalReply } from './script.ts';

/** How many characters of text or tool arguments one chunk carries: small, so all are split. */
export const charactersPerChunk = 8;

/** A normal reply, already turned into its wire parts, to stream. */
export interface CompletionChunksInput {
  identity: CompletionIdentity;
  reply: NormalReply;
  toolCalls: WireToolCall[];
  usage: WireUsage;
  includeUsage: boolean;
}

/**
 * The `data:` payloads of a streamed reply, in OpenAI's order: a role chunk, text pieces,
 * each tool call's head (id, name) followed by its arguments in pieces, a chunk with the
 * finish reason and, when asked for, a usage chunk with no choices. `[DONE]` is not included.
 */
export function completionChunks(input: CompletionChunksInput): object[] {
  const { identity, reply, toolCalls, includeUsage } = input;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    chunkBody(identity, delta, finishReason, includeUsage);
  const chunks: object[] = [
    chunk({ role: 'assistant', content: reply.text === undefined ? null : '', refusal: null }),
  ];
  for (const piece of piecesOf(reply.text ?? '', charactersPerChunk)) {
    chunks.push(chunk({ content: piece }));
  }
  toolCalls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function: { name: call.function.name, arguments: '' },
          },
        ],
      }),
    );
    for (const piece of piecesOf(call.function.arguments, charactersPerChunk)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(chunk({}, finishReasonOf(reply)));
  if (includeUsage) chunks.push(usageChunkBody(identity, input.usage));
  return chunks;
}
