import { LokiError, type Clock } from '../core/index.ts';
import type { EventBus } from '../events/index.ts';
import { formatDuration } from '../config/index.ts';

export interface RunLimitsOptions {
  maxTimeMs: number;
  budgetUsd?: number | undefined;
  /** Time and money already spent by earlier sessions of this run (resume restores them). */
  spentMs: number;
  spentUsd: number;
  events: EventBus;
  clock: Clock;
}

const warnAt = 0.8;

/**
 * Holds a run to its time limit and budget: warns at 80 %, and at 100 % aborts the run's
 * signal with a limit-reached error, so the run stops at once and can be resumed.
 */
export class RunLimits {
  readonly #controller = new AbortController();
  readonly #options: RunLimitsOptions;
  readonly #startedAt: number;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #unsubscribe: () => void;
  #spentUsd: number;
  #warned = new Set<'time' | 'budget'>();

  constructor(options: RunLimitsOptions) {
    this.#options = options;
    this.#startedAt = options.clock.now();
    this.#spentUsd = options.spentUsd;
    const remainingMs = options.maxTimeMs - options.spentMs;
    this.#schedule(remainingMs - options.maxTimeMs * (1 - warnAt), () => this.#approach('time'));
    this.#schedule(remainingMs, () => this.#reach('time'));
    this.#unsubscribe = options.events.subscribe((event) => {
      if (event.type !== 'model-call-finished' || event.fromJournal) return;
      this.#spentUsd += event.costUsd;
      this.#checkBudget();
    });
    this.#checkBudget();
  }

  /** Aborted when a limit is reached, with the LokiError saying which. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Active time of the run over all its sessions. */
  elapsedMs(): number {
    return this.#options.spentMs + (this.#options.clock.now() - this.#startedAt);
  }

  /** Stops the run with another reason (an interrupt), unless it already stopped. */
  abort(reason: LokiError): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  dispose(): void {
    this.#timers.forEach(clearTimeout);
    this.#unsubscribe();
  }

  #schedule(delayMs: number, action: () => void): void {
    if (delayMs <= 0) {
      queueMicrotask(action);
      return;
    }
    const timer = setTimeout(action, delayMs);
    timer.unref();
    this.#timers.push(timer);
  }

  #checkBudget(): void {
    const budget = this.#options.budgetUsd;
    if (budget === undefined) return;
    if (this.#spentUsd >= budget) this.#reach('budget');
    else if (this.#spentUsd >= budget * warnAt) this.#approach('budget');
  }

  #usage(limit: 'time' | 'budget') {
    return limit === 'time'
      ? { used: this.elapsedMs(), max: this.#options.maxTimeMs }
      : { used: this.#spentUsd, max: this.#options.budgetUsd ?? 0 };
  }

  #approach(limit: 'time' | 'budget'): void {
    if (this.#warned.has(limit) || this.#controller.signal.aborted) return;
    this.#warned.add(limit);
    this.#options.events.emit({ type: 'limit-approached', limit, ...this.#usage(limit) });
  }

  #reach(limit: 'time' | 'budget'): void {
    if (this.#controller.signal.aborted) return;
    const usage = this.#usage(limit);
    this.#options.events.emit({ type: 'limit-reached', limit, ...usage });
    const text =
      limit === 'time'
        ? `the run reached its time limit of ${formatDuration(usage.max)}`
        : `the run reached its budget of $${usage.max.toFixed(2)} (spent $${usage.used.toFixed(4)})`;
    this.#controller.abort(
      new LokiError({
        code: limit === 'time' ? 'limit.time' : 'limit.budget',
        category: 'limit-reached',
        message: `${text}; it stopped at its last checkpoint and can be continued with loki resume <run> (raise the limit with --max-time or --budget-usd).`,
        details: { limit, ...usage },
      }),
    );
  }
}
