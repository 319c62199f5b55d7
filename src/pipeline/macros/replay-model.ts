import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { LokiError } from '../../core/index.ts';
import {
  conversationDifference,
  conversationKey,
  conversationsOf,
  describeDivergence,
  placeOfExchange,
  type Divergence,
  type Macro,
} from '../../macro/index.ts';
import { ScriptedModel, scriptedSessionSchema, type ScriptedSession } from '../../model/index.ts';

const finishReasons = new Set(['stop', 'length', 'tool-calls', 'content-filter']);

/**
 * The scripted session of a macro: every successful exchange's reply, matched to its stage,
 * agent and role, in the order the conversation received them.
 */
export function sessionOfMacro(macro: Macro): ScriptedSession {
  const replies = [...conversationsOf(macro).values()].flat().map((exchange) => {
    const reply = exchange.response as {
      text?: string;
      toolCalls?: { toolCallId: string; toolName: string; input: string }[];
      finishReason?: string;
      usage?: { inputTokens: number; outputTokens: number };
    };
    return {
      match: { stage: exchange.stage, agent: exchange.agent, role: exchange.role },
      text: reply.text ?? '',
      toolCalls: (reply.toolCalls ?? []).map((call) => ({
        id: call.toolCallId,
        name: call.toolName,
        input: call.input,
      })),
      finishReason:
        reply.finishReason && finishReasons.has(reply.finishReason)
          ? reply.finishReason
          : undefined,
      usage: reply.usage && {
        inputTokens: Math.round(reply.usage.inputTokens),
        outputTokens: Math.round(reply.usage.outputTokens),
      },
    };
  });
  return scriptedSessionSchema.parse({
    description: `Replay of macro ${macro.id}: the recorded run's replies, served in order.`,
    replies,
  });
}

/**
 * The only model of a replay: serves the macro's replies through a scripted model, and before
 * each reply checks that the conversation so far is the recorded one. The first call that is
 * not (an edited reply, a tool that answered otherwise, a call the run never made) is the
 * divergence: it is kept, `onDivergence` is told, and the call fails.
 */
export class ReplayModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'scripted';
  readonly supportedUrls = {};
  readonly modelId: string;
  /** Replies served. */
  served = 0;
  divergence: Divergence | null = null;
  readonly #macro: Macro;
  readonly #scripted: ScriptedModel;
  readonly #onDivergence: (divergence: Divergence) => void;

  constructor(macro: Macro, modelId: string, onDivergence: (divergence: Divergence) => void) {
    this.#macro = macro;
    this.modelId = modelId;
    this.#scripted = new ScriptedModel(modelId, sessionOfMacro(macro));
    this.#onDivergence = onDivergence;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    this.#check(options);
    const result = await this.#scripted.doGenerate(options);
    this.served++;
    return result;
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    this.#check(options);
    const result = await this.#scripted.doStream(options);
    this.served++;
    return result;
  }

  #check(options: LanguageModelV4CallOptions): void {
    const divergence = this.#divergenceOf(options);
    if (!divergence) return;
    if (!this.divergence) {
      this.divergence = divergence;
      this.#onDivergence(divergence);
    }
    throw new LokiError({
      code: 'macro.diverged',
      category: 'work-failed',
      message: `the replay left the recorded run at ${describeDivergence(divergence)}`,
      details: { divergence },
    });
  }

  #divergenceOf(options: LanguageModelV4CallOptions): Divergence | null {
    const context = (options.providerOptions?.['loki'] ?? {}) as Record<string, unknown>;
    const place = {
      stage: textOf(context['stage']),
      agent: textOf(context['agent']),
      role: textOf(context['role']),
    };
    const turn = options.prompt.filter((message) => message.role === 'assistant').length;
    const exchanges = conversationsOf(this.#macro).get(conversationKey(place)) ?? [];
    const recorded = exchanges[turn];
    if (!recorded) {
      return {
        kind: 'exchange',
        exchange: { seq: null, ...place, turn },
        reason: `the replay made a call the recorded run never made (the run made ${exchanges.length} in this conversation)`,
      };
    }
    const difference = conversationDifference(recorded.request, options.prompt);
    if (!difference) return null;
    const at = exchanges[difference.turn] ?? recorded;
    return {
      kind: 'exchange',
      exchange: placeOfExchange(at, difference.turn),
      reason: difference.reason,
    };
  }
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
