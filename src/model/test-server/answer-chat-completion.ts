import type { ServerResponse } from 'node:http';
import { describeZodIssues } from '../../core/index.ts';
import { chatRequestSchema, lastUserTextStart, promptTextOf } from './chat-request.ts';
import { sendJson } from './http-response.ts';
import { errorBody } from './openai-wire-format.ts';
import type { RecordedRequest } from './recorded-request.ts';
import type { ReplyContext } from './reply-context.ts';
import type { ReplyQueue } from './reply-queue.ts';
import { writeCompletion } from './write-completion.ts';
import { writeFault } from './write-fault.ts';

/** One chat-completions request to answer, with the server state it answers from. */
export interface ChatCompletionCall {
  /** The request as recorded; its `stream` and `replyIndex` are filled in here. */
  record: RecordedRequest;
  queue: ReplyQueue;
  response: ServerResponse;
  /** The request's position among all the server received, for the completion id. */
  requestNumber: number;
}

/**
 * Answers one `POST /v1/chat/completions` with the first unused reply that fits it. A request
 * no reply fits gets a 400 (which clients do not retry) naming the request.
 */
export async function answerChatCompletion(call: ChatCompletionCall): Promise<void> {
  const { record, queue, response } = call;
  const parsed = chatRequestSchema.safeParse(record.body);
  if (!parsed.success) {
    const message = `the request body is not a chat-completions request: ${describeZodIssues(parsed.error)}`;
    sendJson(response, 400, errorBody(message, 'invalid_request_error'));
    return;
  }
  const request = parsed.data;
  record.stream = request.stream === true;
  const promptText = promptTextOf(request);
  const taken = queue.take(promptText);
  if (taken === undefined) {
    const left = queue.remaining();
    const why =
      left === 0
        ? 'every reply has been used'
        : `${left} unused ${left === 1 ? 'reply does' : 'replies do'} not match it`;
    const message =
      `the test model server's script has no reply left for this request ` +
      `(last user message: ${JSON.stringify(lastUserTextStart(request))}; ${why})`;
    sendJson(response, 400, errorBody(message, 'invalid_request_error', 'script_exhausted'));
    return;
  }
  record.replyIndex = taken.index;
  // Ends pending waits and writes once the client goes away or close() destroys the socket.
  const abort = new AbortController();
  response.once('close', () => abort.abort());
  // The client may have gone already, while its body was read: 'close' has then been emitted.
  if (response.socket?.destroyed !== false) abort.abort();
  const context: ReplyContext = {
    request,
    response,
    identity: {
      id: `chatcmpl-test-${call.requestNumber}`,
      created: Math.floor(record.receivedAt / 1000),
      model: request.model ?? 'test-model',
    },
    replyIndex: taken.index,
    promptText,
    signal: abort.signal,
  };
  if (taken.reply.fault === undefined) await writeCompletion(taken.reply, context);
  else writeFault(taken.reply, context);
}
