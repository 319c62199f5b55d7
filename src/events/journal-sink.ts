import type { Journal } from '../journal/index.ts';
import type { EventSink } from './event-bus.ts';

/** Appends every event to the run's journal: the record the other views are rebuilt from. */
export function createJournalSink(journal: Journal): EventSink {
  return (event) => {
    const { runId, type, at, ...data } = event;
    journal.appendEvent({ runId, type, at, data });
  };
}
