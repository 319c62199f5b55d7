export * from './run-event.ts';
export { EventBus, type EventSink } from './event-bus.ts';
export { createJournalSink, type JournalSink } from './journal-sink.ts';
export { createNdjsonSink } from './ndjson-sink.ts';
export {
  createTerminalProgress,
  type TerminalProgress,
  type TerminalProgressOptions,
} from './terminal-progress.ts';
