import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { LokiError } from '../core/index.ts';
import type { ModelReply } from './model-reply.ts';

export interface CollectStreamOptions {
  /** Longest wait for the next part before the reply counts as stalled. */
  stallTimeoutMs: number;
  /** Ends the call's request when it stalls, so the connection is not left open. */
  abort: (reason: LokiError) => void;
  model: string;
}

/**
 * Reads a streamed reply to its end and assembles it. A stream that stops sending parts
 * stalls (retryable); one that ends without its `finish` part was truncated (retryable);
 * an `error` part is rethrown for the caller to classify.
 */
export async function collectStream(
  stream: ReadableStream<LanguageModelV4StreamPart>,
  options: CollectStreamOptions,
): Promise<ModelReply> {
  const reader = stream.getReader();
  let text = '';
  const toolCalls: ModelReply['toolCalls'] = [];
  let finish: { finishReason: string; usage: LanguageModelV4Usage } | undefined;
  try {
    for (;;) {
      const next = await readWithin(reader, options);
      if (next.done) break;
      const part = next.value;
      if (part.type === 'text-delta') text += part.delta;
      else if (part.type === 'tool-call') {
        toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
      } else if (part.type === 'error') throw part.error;
      else if (part.type === 'finish') {
        finish = { finishReason: part.finishReason.unified, usage: part.usage };
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (
    !finish ||
    (finish.finishReason === 'other' && finish.usage.outputTokens.total === undefined)
  ) {
    throw new LokiError({
      code: 'model.stream-truncated',
      category: 'service-failed',
      isRetryable: true,
      message: `the reply from ${options.model} ended before it was complete (the stream was cut off after ${text.length} characters)`,
      details: { model: options.model, receivedCharacters: text.length },
    });
  }
  if (finish.finishReason === 'error') {
    throw new LokiError({
      code: 'model.reply-failed',
      category: 'service-failed',
      isRetryable: true,
      message: `${options.model} reported an error while replying`,
      details: { model: options.model },
    });
  }
  return {
    text,
    toolCalls,
    finishReason: finish.finishReason,
    usage: {
      inputTokens: finish.usage.inputTokens.total ?? 0,
      outputTokens: finish.usage.outputTokens.total ?? 0,
    },
  };
}

function readWithin<T>(
  reader: ReadableStreamDefaultReader<T>,
  options: CollectStreamOptions,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<T>['read']>>> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new LokiError({
        code: 'model.stalled',
        category: 'service-failed',
        isRetryable: true,
        message: `${options.model} stopped sending its reply for ${options.stallTimeoutMs} ms`,
        details: { model: options.model, stallTimeoutMs: options.stallTimeoutMs },
      });
      options.abort(error);
      reader.cancel(error).catch(() => {});
      reject(error);
    }, options.stallTimeoutMs);
  });
  return Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
}
