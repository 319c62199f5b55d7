import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { LokiError } from '../core/index.ts';
import { classifyModelError } from './classify-model-error.ts';
import { collectStream } from './collect-stream.ts';
import type { ModelReply } from './model-reply.ts';
import type { CallSettings } from './model-settings.ts';

export interface CallTarget {
  model: LanguageModelV4;
  name: string;
  baseUrl?: string | undefined;
}

/**
 * One attempt at one model call: streamed or plain, bounded by the call timeout and (when
 * streaming) the stall timeout, and ended at once when the run's signal aborts. Every failure
 * leaves as a classified LokiError; the run's own abort reason passes through untouched.
 */
export async function callModelOnce(
  target: CallTarget,
  options: LanguageModelV4CallOptions,
  settings: CallSettings,
  runSignal: AbortSignal,
): Promise<ModelReply> {
  const attempt = new AbortController();
  const timer = setTimeout(() => {
    attempt.abort(
      new LokiError({
        code: 'model.timeout',
        category: 'service-failed',
        isRetryable: true,
        message: `${target.name} did not finish its reply within ${settings.timeoutMs} ms`,
        details: { model: target.name, timeoutMs: settings.timeoutMs },
      }),
    );
  }, settings.timeoutMs);
  const abortSignal = AbortSignal.any([runSignal, attempt.signal]);
  try {
    const call = { ...options, abortSignal };
    const pending = settings.stream
      ? target.model.doStream(call).then(({ stream }) =>
          collectStream(stream, {
            stallTimeoutMs: settings.stallTimeoutMs,
            abort: (reason) => attempt.abort(reason),
            model: target.name,
          }),
        )
      : target.model.doGenerate(call).then(replyOfGenerate);
    return await raceAbort(Promise.resolve(pending), abortSignal);
  } catch (error) {
    if (runSignal.aborted) throw runSignal.reason;
    if (attempt.signal.aborted) throw attempt.signal.reason;
    throw classifyModelError(error, { model: target.name, baseUrl: target.baseUrl });
  } finally {
    clearTimeout(timer);
  }
}

function replyOfGenerate(result: Awaited<ReturnType<LanguageModelV4['doGenerate']>>): ModelReply {
  let text = '';
  const toolCalls: ModelReply['toolCalls'] = [];
  for (const part of result.content) {
    if (part.type === 'text') text += part.text;
    if (part.type === 'tool-call') {
      toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
    }
  }
  return {
    text,
    toolCalls,
    finishReason: result.finishReason.unified,
    usage: {
      inputTokens: result.usage.inputTokens.total ?? 0,
      outputTokens: result.usage.outputTokens.total ?? 0,
    },
  };
}

/** Settles with the signal's reason as soon as it aborts, even if the provider ignores it. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  });
}
