import { completionChunks } from './completion-chunks.ts';
import { pause, sendJson, startEventStream, writeEvent } from './http-response.ts';
import { completionBody, toolCallsOf, usageOf } from './openai-wire-format.ts';
import type { ReplyContext } from './reply-context.ts';
import type { NormalReply } from './script.ts';

/**
 * Answers with a successful completion after the reply's latency: one JSON body, or, when
 * the request asked to stream, SSE chunks `chunkDelayMs` apart ending in `data: [DONE]`.
 */
export async function writeCompletion(reply: NormalReply, context: ReplyContext): Promise<void> {
  const { request, response, identity, replyIndex, signal } = context;
  if (!(await pause(reply.latencyMs ?? 0, signal))) return;
  const toolCalls = toolCallsOf(reply, replyIndex);
  const usage = usageOf(reply, context.promptText, replyIndex);
  if (request.stream !== true) {
    sendJson(response, 200, completionBody(identity, reply, toolCalls, usage));
    return;
  }
  const includeUsage = request.stream_options?.include_usage === true;
  startEventStream(response);
  const chunks = completionChunks({ identity, reply, toolCalls, usage, includeUsage });
  for (const [position, chunk] of chunks.entries()) {
    if (position > 0 && !(await pause(reply.chunkDelayMs ?? 0, signal))) return;
    writeEvent(response, JSON.stringify(chunk));
  }
  writeEvent(response, '[DONE]');
  response.end();
}
