import type { EventSink } from './event-bus.ts';

/**
 * `--json` mode: each event as one line of JSON on `stream` (stdout), in the order emitted,
 * so another program can read the run as it happens and parse each line on its own.
 * `JSON.stringify` escapes the line breaks inside strings, so one event is always one line.
 */
export function createNdjsonSink(stream: NodeJS.WritableStream): EventSink {
  return (event) => {
    stream.write(`${JSON.stringify(event)}\n`);
  };
}
