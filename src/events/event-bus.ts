import type { Clock } from '../core/index.ts';
import type { RunEvent, RunEventBody } from './run-event.ts';

/** Something that receives every event of a run, in order. */
export type EventSink = (event: RunEvent) => void;

/**
 * Delivers each event of one run to every subscribed sink, synchronously and in order.
 * A sink that throws is reported to `onSinkError` and does not stop the others or the run:
 * a broken terminal must never lose the journal.
 */
export class EventBus {
  readonly #sinks = new Set<EventSink>();
  readonly runId: string;
  readonly #clock: Clock;
  readonly #onSinkError: (error: unknown, event: RunEvent) => void;

  constructor(
    runId: string,
    clock: Clock,
    onSinkError: (error: unknown, event: RunEvent) => void = () => {},
  ) {
    this.runId = runId;
    this.#clock = clock;
    this.#onSinkError = onSinkError;
  }

  subscribe(sink: EventSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  emit(body: RunEventBody): RunEvent {
    const event = { ...body, runId: this.runId, at: this.#clock.now() };
    for (const sink of this.#sinks) {
      try {
        sink(event);
      } catch (error) {
        this.#onSinkError(error, event);
      }
    }
    return event;
  }
}
