import pLimit, { type LimitFunction } from 'p-limit';
import { LokiError, createRedactor, systemClock, type Clock } from '../core/index.ts';
import type { EventBus } from '../events/index.ts';
import type { Journal } from '../journal/index.ts';
import { callModelOnce } from './call-model-once.ts';
import type { ModelCatalog } from './model-catalog.ts';
import { modelReplySchema, type ModelReply } from './model-reply.ts';
import { callOptionsOf, requestHashOf, type ModelRequest } from './model-request.ts';
import { costOf, findPrice } from './price-table.ts';
import { resolveBaseUrl } from './provider-access.ts';
import { abortableSleep, retryWithBackoff } from './retry-with-backoff.ts';

const defaultMaxConcurrentCalls = 8;

export interface ModelGatewayOptions {
  catalog: ModelCatalog;
  runId: string;
  journal: Journal;
  events: EventBus;
  /** Aborted when the run must stop (a limit, a signal); calls in flight end at once. */
  signal?: AbortSignal;
  /** Values never written to the journal (keys from the environment). */
  secrets?: readonly string[];
  clock?: Clock;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Shared across gateways of one process, so two runs together respect a provider's limit. */
  providerLimits?: Map<string, LimitFunction>;
}

/** A reply and what it cost. */
export interface ModelCallResult extends ModelReply {
  model: string;
  costUsd: number;
  latencyMs: number;
  /** True when the reply was served from the journal (a resumed run), not the provider. */
  fromJournal: boolean;
}

/**
 * The only door to language models. Every call is looked up in the journal first (a resumed
 * run never pays twice), bounded per provider, retried with backoff when the failure is
 * retryable, priced, journaled with secrets redacted, and reported as events.
 */
export class ModelGateway {
  readonly #occurrences = new Map<string, number>();
  readonly #limits: Map<string, LimitFunction>;
  readonly #redact: <T>(value: T) => T;
  readonly #unpricedWarned = new Set<string>();
  readonly #clock: Clock;
  #callCount = 0;
  private readonly options: ModelGatewayOptions;

  constructor(options: ModelGatewayOptions) {
    this.options = options;
    this.#limits = options.providerLimits ?? new Map<string, LimitFunction>();
    this.#redact = createRedactor(options.secrets ?? []);
    this.#clock = options.clock ?? systemClock;
  }

  get catalog(): ModelCatalog {
    return this.options.catalog;
  }

  async generate(request: ModelRequest): Promise<ModelCallResult> {
    const { journal, runId, events } = this.options;
    const { spec, name, model } = this.options.catalog.modelFor(request.role);
    const requestHash = requestHashOf(name, request);
    const occurrence = this.#occurrences.get(requestHash) ?? 0;
    this.#occurrences.set(requestHash, occurrence + 1);
    const callId = `${request.stage}:${request.agent}:${++this.#callCount}`;
    const about = {
      callId,
      stage: request.stage,
      agent: request.agent,
      role: request.role,
      model: name,
    };

    const recorded = journal.findModelCall(runId, requestHash, occurrence);
    const recordedReply = recorded && modelReplySchema.safeParse(recorded.response);
    if (recorded && recordedReply?.success) {
      events.emit({
        type: 'model-call-finished',
        ...about,
        ...tokensOf(recordedReply.data),
        costUsd: 0,
        latencyMs: 0,
        fromJournal: true,
      });
      return { ...recordedReply.data, model: name, costUsd: 0, latencyMs: 0, fromJournal: true };
    }

    const signal = this.options.signal ?? new AbortController().signal;
    if (signal.aborted) throw signal.reason;
    const settings = this.options.catalog.settings;
    const callOptions = callOptionsOf(request);
    const target = {
      model,
      name,
      baseUrl:
        spec.provider === 'scripted'
          ? undefined
          : safeBaseUrl(() => resolveBaseUrl(spec, settings)),
    };
    const limit = this.#limitFor(spec.provider);
    const startedAt = this.#clock.now();
    events.emit({ type: 'model-call-started', ...about });
    try {
      const { value: rawReply, attempts } = await retryWithBackoff(
        () => limit(() => callModelOnce(target, callOptions, settings.call, signal)),
        {
          maxRetries: settings.call.maxRetries,
          initialDelayMs: settings.call.initialRetryDelayMs,
          maxDelayMs: settings.call.maxRetryDelayMs,
          sleep: this.options.sleep ?? abortableSleep,
          random: this.options.random,
          signal,
          onRetry: ({ attempt, delayMs, error }) =>
            events.emit({
              type: 'model-call-retried',
              ...about,
              attempt,
              delayMs,
              reason: error.message,
            }),
        },
      );
      // A secret a model repeats is never used, stored or shown: the run sees the redacted reply.
      const reply = this.#redact(rawReply);
      const finishedAt = this.#clock.now();
      const costUsd = this.#costOf(name, reply);
      journal.recordModelCall({
        runId,
        requestHash,
        stage: request.stage,
        agent: request.agent,
        role: request.role,
        provider: spec.provider,
        modelId: spec.modelId,
        request: this.#redact(callOptions),
        response: reply,
        error: null,
        ...tokensOf(reply),
        costUsd,
        latencyMs: finishedAt - startedAt,
        attempts,
        startedAt,
        finishedAt,
      });
      events.emit({
        type: 'model-call-finished',
        ...about,
        ...tokensOf(reply),
        costUsd,
        latencyMs: finishedAt - startedAt,
        fromJournal: false,
      });
      return {
        ...reply,
        model: name,
        costUsd,
        latencyMs: finishedAt - startedAt,
        fromJournal: false,
      };
    } catch (error) {
      const failure = LokiError.isInstance(error) ? error : undefined;
      const finishedAt = this.#clock.now();
      journal.recordModelCall({
        runId,
        requestHash,
        stage: request.stage,
        agent: request.agent,
        role: request.role,
        provider: spec.provider,
        modelId: spec.modelId,
        request: this.#redact(callOptions),
        response: null,
        error: this.#redact(failure?.toJSON() ?? { message: String(error) }),
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        latencyMs: finishedAt - startedAt,
        attempts: Number(failure?.details['attempts'] ?? 1),
        startedAt,
        finishedAt,
      });
      if (failure) events.emit({ type: 'model-call-failed', ...about, error: failure.toJSON() });
      throw error;
    }
  }

  #limitFor(provider: string): LimitFunction {
    let limit = this.#limits.get(provider);
    if (!limit) {
      const configured = this.options.catalog.settings.providers[provider]?.maxConcurrentCalls;
      limit = pLimit(configured ?? defaultMaxConcurrentCalls);
      this.#limits.set(provider, limit);
    }
    return limit;
  }

  #costOf(model: string, reply: ModelReply): number {
    const price = findPrice(model, this.options.catalog.settings.prices);
    if (price) return costOf(price, reply.usage.inputTokens, reply.usage.outputTokens);
    if (!this.#unpricedWarned.has(model)) {
      this.#unpricedWarned.add(model);
      this.options.events.emit({
        type: 'warning-raised',
        message: `no price is known for ${model}: its calls count as $0 and a budget cannot limit them; add "prices": {"${model}": {"inputPerMillionUsd": …, "outputPerMillionUsd": …}} to loki.config.json`,
      });
    }
    return 0;
  }
}

function tokensOf(reply: ModelReply) {
  return { inputTokens: reply.usage.inputTokens, outputTokens: reply.usage.outputTokens };
}

function safeBaseUrl(resolve: () => string | undefined): string | undefined {
  try {
    return resolve();
  } catch {
    return undefined;
  }
}
