import type { IncomingHttpHeaders } from 'node:http';

/** One request the test model server received, as it arrived. */
export interface RecordedRequest {
  method: string;
  /** The URL path, without the query: `/v1/chat/completions`. */
  path: string;
  /** The parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Milliseconds since the epoch. */
  receivedAt: number;
  /** Whether a chat-completions request asked for `stream: true`. */
  stream: boolean;
  /** The position in the script of the reply it took; null when it took none. */
  replyIndex: number | null;
}
