import type { ServerResponse } from 'node:http';
import type { ChatRequest } from './chat-request.ts';
import type { CompletionIdentity } from './openai-wire-format.ts';

/** Everything a reply writer needs to answer one chat-completions request. */
export interface ReplyContext {
  request: ChatRequest;
  response: ServerResponse;
  identity: CompletionIdentity;
  /** The reply's position in the script, for made-up tool call ids. */
  replyIndex: number;
  /** The text of the request's messages, for the rough token count. */
  promptText: string;
  /** Aborts when the client goes away or the server closes: writing stops then. */
  signal: AbortSignal;
}
