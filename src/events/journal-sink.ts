import type { Journal, NewEvent } from '../journal/index.ts';
import type { EventSink } from './event-bus.ts';

export interface JournalSink {
  sink: EventSink;
  /** Writes what is buffered now; throws if an earlier background write failed. */
  flush(): void;
}

/**
 * Appends every event to the run's journal: the record the other views are rebuilt from.
 * Events emitted in the same tick are committed together (one transaction per burst, not one
 * per event: a commit costs ~50 µs); `flush` forces the write, e.g. before a run returns.
 */
export function createJournalSink(journal: Journal): JournalSink {
  let buffered: NewEvent[] = [];
  let failure: Error | undefined;
  const write = () => {
    if (buffered.length === 0) return;
    const batch = buffered;
    buffered = [];
    journal.appendEvents(batch);
  };
  return {
    sink(event) {
      const { runId, type, at, ...data } = event;
      if (buffered.length === 0) {
        queueMicrotask(() => {
          try {
            write();
          } catch (error) {
            failure ??= error instanceof Error ? error : new Error(String(error));
          }
        });
      }
      buffered.push({ runId, type, at, data });
    },
    flush() {
      if (failure !== undefined) throw failure;
      write();
    },
  };
}
