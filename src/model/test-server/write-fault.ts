import { sendJson, sendText, startEventStream, writeEvent, writeThenCut } from './http-response.ts';
import { chunkBody, completionBody, errorBody, usageOf } from './openai-wire-format.ts';
import type { ReplyContext } from './reply-context.ts';
import type { FaultReply } from './script.ts';

/** The text a truncated reply starts to send before the connection is cut. */
export const truncatedText = 'The answer is 42, because';

/**
 * Answers with a scripted fault. Nothing here ends a stalled request: the client's going
 * away, or the server's `close()` destroying the socket, does.
 */
export function writeFault(reply: FaultReply, context: ReplyContext): void {
  const { request, response, identity } = context;
  const streaming = request.stream === true;
  const includeUsage = request.stream_options?.include_usage === true;
  const roleChunk = () =>
    JSON.stringify(chunkBody(identity, { role: 'assistant', content: '' }, null, includeUsage));
  switch (reply.fault) {
    case 'rate-limit': {
      const message = `Rate limit reached for ${identity.model} (scripted by the test model server).`;
      const retryAfter = reply.retryAfterSeconds;
      sendJson(
        response,
        429,
        errorBody(message, 'requests', 'rate_limit_exceeded'),
        retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
      );
      return;
    }
    case 'server-error': {
      const message =
        'The server had an error while processing your request (scripted by the test model server).';
      sendJson(response, reply.status ?? 500, errorBody(message, 'server_error'));
      return;
    }
    case 'stall':
      if (streaming) {
        startEventStream(response);
        writeEvent(response, roleChunk());
      }
      return;
    case 'truncated-stream': {
      if (streaming) {
        startEventStream(response);
        writeEvent(response, roleChunk());
        const content = chunkBody(identity, { content: truncatedText }, null, includeUsage);
        writeThenCut(response, `data: ${JSON.stringify(content)}\n\n`);
        return;
      }
      const whole = { text: `${truncatedText} it is six times seven.` };
      const body = JSON.stringify(
        completionBody(identity, whole, [], usageOf(whole, context.promptText, 0)),
      );
      response.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      });
      writeThenCut(response, body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    case 'malformed-json': {
      const broken = `{"id":"${identity.id}","object":"chat.completion","choices":[{"index":0,"message":{"content":"oops`;
      if (!streaming) {
        sendText(response, 200, 'application/json', broken);
        return;
      }
      startEventStream(response);
      writeEvent(response, roleChunk());
      writeEvent(response, broken);
      writeEvent(response, '[DONE]');
      response.end();
      return;
    }
  }
}
