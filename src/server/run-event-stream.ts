import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Journal } from '../journal/index.ts';
import { effectiveStatusOf } from '../pipeline/index.ts';
import { runNotFound } from './run-view.ts';

export interface RunEventStreamOptions {
  journal: Journal;
  runId: string;
  /** Stream events after this seq (a `Last-Event-ID` header wins over it). */
  afterSeq: number;
  /** How often to look for new events. */
  pollMs: number;
  /** Ends the stream when the server shuts down. */
  signal: AbortSignal;
}

const batchSize = 500;
const keepAliveMs = 15_000;

/**
 * Server-sent events of one run as its journal receives them: `run-event` messages (id = the
 * event's seq, so a reconnecting client resumes where it left off), then one `run-ended`
 * once the run is no longer running and every event has been sent. Runs are written by other
 * processes, so the journal is polled: SQLite in WAL mode lets this read while they write.
 */
export function streamRunEvents(c: Context, options: RunEventStreamOptions): Response {
  const { journal, runId, pollMs, signal } = options;
  if (!journal.getRun(runId)) throw runNotFound(runId, journal);
  const lastEventId = Number(c.req.header('last-event-id'));
  let cursor =
    Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : options.afterSeq;
  return streamSSE(c, async (stream) => {
    let closed = false;
    stream.onAbort(() => {
      closed = true;
    });
    let quietSince = Date.now();
    while (!closed && !signal.aborted) {
      // Status first, events second: an event written after a run ended is still sent below.
      const run = journal.getRun(runId);
      const ended = run === undefined || effectiveStatusOf(run) !== 'running';
      const batch = journal.listEvents(runId, { afterSeq: cursor, limit: batchSize });
      for (const event of batch) {
        await stream.writeSSE({
          id: String(event.seq),
          event: 'run-event',
          data: JSON.stringify(event),
        });
        cursor = event.seq;
      }
      if (batch.length === batchSize) continue;
      if (ended && batch.length === 0) {
        const status = run === undefined ? 'deleted' : effectiveStatusOf(run);
        await stream.writeSSE({ event: 'run-ended', data: JSON.stringify({ runId, status }) });
        break;
      }
      if (batch.length > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= keepAliveMs) {
        // A comment line: proxies and browsers keep an idle stream open.
        await stream.write(': keep-alive\n\n');
        quietSince = Date.now();
      }
      await stream.sleep(pollMs);
    }
  });
}
