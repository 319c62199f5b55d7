export * from './run-event.ts';
export { EventBus, type EventSink } from './event-bus.ts';
export { createJournalSink, type JournalSink } from './journal-sink.ts';
export { createNdjsonSink } from './ndjson-sink.ts';
export {
  createTerminalProgress,
  type TerminalProgress,
  type TerminalProgressOptions,
} from './terminal-progress.ts';
export { createRelay, type Relay, type RelayOptions } from './relay/create-relay.ts';
export { relayTargetSchema, relayKinds, type RelayTarget } from './relay/relay-target.ts';
export { statusLine, statusEventTypes } from './relay/status-line.ts';
export type { RetryPolicy } from './relay/post-webhook.ts';
