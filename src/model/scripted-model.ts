import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { LokiError } from '../core/index.ts';
import { callContextOf, type CallContext } from './call-context.ts';
import type { ReplyMatch, ScriptedReply, ScriptedSession } from './scripted-session.ts';

/**
 * A deterministic language model behind the AI SDK's own interface, so the whole gateway path
 * (retries, journaling, structured output, cost) runs unchanged in tests and the demo.
 * It records every call it received, as the AI SDK's MockLanguageModel does.
 */
export class ScriptedModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'scripted';
  readonly supportedUrls = {};
  readonly calls: LanguageModelV4CallOptions[] = [];
  readonly modelId: string;
  readonly #session: ScriptedSession;

  constructor(modelId: string, session: ScriptedSession) {
    this.modelId = modelId;
    this.#session = session;
  }

  // Async so a missing reply rejects, as a provider's failure would, rather than throwing.
  // eslint-disable-next-line @typescript-eslint/require-await
  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    this.calls.push(options);
    const reply = this.replyFor(options);
    return {
      content: contentOf(reply),
      finishReason: finishReasonOf(reply),
      usage: usageOf(reply, options),
      warnings: [],
    };
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async doStream(options: LanguageModelV4CallOptions) {
    this.calls.push(options);
    const reply = this.replyFor(options);
    const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
    for (const part of contentOf(reply)) {
      if (part.type === 'text') {
        parts.push({ type: 'text-start', id: 'text-0' });
        parts.push({ type: 'text-delta', id: 'text-0', delta: part.text });
        parts.push({ type: 'text-end', id: 'text-0' });
      } else if (part.type === 'tool-call') {
        parts.push(part);
      }
    }
    parts.push({
      type: 'finish',
      finishReason: finishReasonOf(reply),
      usage: usageOf(reply, options),
    });
    return { stream: ReadableStream.from(parts) };
  }

  private replyFor(options: LanguageModelV4CallOptions): ScriptedReply {
    const context = callContextOf(options.providerOptions);
    const promptText = promptTextOf(options.prompt);
    const turn = options.prompt.filter((message) => message.role === 'assistant').length;
    const fitting = this.#session.replies.filter((reply) => fits(reply.match, context, promptText));
    const reply = fitting[turn] ?? (fitting.at(-1)?.repeat ? fitting.at(-1) : undefined);
    if (!reply) {
      throw new LokiError({
        code: 'model.script-exhausted',
        category: 'bad-input',
        message:
          `the scripted session "${this.modelId}" has no reply for turn ${turn} of ` +
          `stage "${context.stage}", agent "${context.agent}", role "${context.role}" ` +
          `(${fitting.length} replies fit this call); add one to the script`,
        details: { ...context, turn, fitting: fitting.length },
      });
    }
    return reply;
  }
}

function fits(match: ReplyMatch | undefined, context: CallContext, promptText: string): boolean {
  if (!match) return true;
  return (
    (match.stage === undefined || match.stage === context.stage) &&
    (match.agent === undefined || match.agent === context.agent) &&
    (match.role === undefined || match.role === context.role) &&
    (match.promptIncludes === undefined || promptText.includes(match.promptIncludes))
  );
}

/** All the text a prompt carries, for `promptIncludes`. */
function promptTextOf(prompt: LanguageModelV4Prompt): string {
  return prompt
    .flatMap((message) =>
      typeof message.content === 'string'
        ? [message.content]
        : message.content.map((part) => (part.type === 'text' ? part.text : JSON.stringify(part))),
    )
    .join('\n');
}

function contentOf(reply: ScriptedReply): LanguageModelV4Content[] {
  const content: LanguageModelV4Content[] = [];
  const text = reply.object !== undefined ? JSON.stringify(reply.object, null, 2) : reply.text;
  if (text !== undefined) content.push({ type: 'text', text });
  (reply.toolCalls ?? []).forEach((call, index) => {
    content.push({
      type: 'tool-call',
      toolCallId: call.id ?? `call_${index}`,
      toolName: call.name,
      input: typeof call.input === 'string' ? call.input : JSON.stringify(call.input ?? {}),
    });
  });
  return content;
}

function finishReasonOf(reply: ScriptedReply): LanguageModelV4GenerateResult['finishReason'] {
  const unified = reply.finishReason ?? (reply.toolCalls?.length ? 'tool-calls' : 'stop');
  return { unified, raw: unified };
}

/** Deterministic token counts: given ones, else about four characters a token. */
function usageOf(reply: ScriptedReply, options: LanguageModelV4CallOptions) {
  const input = reply.usage?.inputTokens ?? Math.ceil(JSON.stringify(options.prompt).length / 4);
  const output =
    reply.usage?.outputTokens ?? Math.ceil(JSON.stringify(contentOf(reply)).length / 4);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}
