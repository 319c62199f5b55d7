import { systemClock } from '../../core/index.ts';
import { EventBus, createJournalSink } from '../../events/index.ts';
import type { Journal } from '../../journal/index.ts';

/** Runs `work` with an event bus whose events go to the run's journal, flushed at the end. */
export async function withJournaledEvents<Result>(
  journal: Journal,
  runId: string,
  work: (events: EventBus) => Promise<Result>,
): Promise<Result> {
  const events = new EventBus(runId, systemClock);
  const sink = createJournalSink(journal);
  events.subscribe((event) => sink.sink(event));
  try {
    return await work(events);
  } finally {
    sink.flush();
  }
}
