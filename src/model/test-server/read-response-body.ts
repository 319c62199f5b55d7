/** What a client read of a response body: its text, and the error that cut it, if one did. */
export interface ResponseBodyRead {
  text: string;
  error?: unknown;
}

/**
 * Reads a fetch response body to its end, keeping what arrived before a failure, so a test
 * can show both the part of a truncated reply that came and how the connection ended.
 */
export async function readResponseBody(response: Response): Promise<ResponseBodyRead> {
  // undici types the body as ReadableStream<any>; it carries bytes.
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (reader === undefined) return { text: '' };
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode() };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

/** The `data:` payloads of an SSE text, in order. */
export function eventDataOf(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length));
}
