import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { assertCount, explainWriteError } from './journal-errors.ts';
import { anyJsonText, readRow, toJsonText } from './json-column.ts';

/**
 * An event to append. The journal does not know the event union (that lives in `src/events/`):
 * it stores the type and the JSON data as given.
 */
export interface NewEvent {
  runId: string;
  type: string;
  at: number;
  data: unknown;
}

/** An event as the journal holds it, with the sequence number it was given. */
export interface JournalEvent {
  /** Increases with every event appended to this journal, across runs and processes. */
  seq: number;
  runId: string;
  type: string;
  at: number;
  data: unknown;
}

/** Options of `listEvents`. */
export interface ListEventsOptions {
  /** Only events with a larger seq: a cursor for following a run as it goes. */
  afterSeq?: number;
  /** At most this many events; all when left out. */
  limit?: number;
  /** Only events of these types; all types when left out. */
  types?: readonly string[];
}

const eventRow = z
  .object({
    seq: z.number(),
    run_id: z.string(),
    type: z.string(),
    at: z.number(),
    data: anyJsonText,
  })
  .transform((row): JournalEvent => ({
    seq: row.seq,
    runId: row.run_id,
    type: row.type,
    at: row.at,
    data: row.data,
  }));

/** The `events` table: the hot path of the journal, so its insert is prepared once and positional. */
export class EventRecords {
  readonly #insert: StatementSync;
  readonly #list: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare('INSERT INTO events (run_id, type, at, data) VALUES (?, ?, ?, ?)');
    // The type filter travels as one JSON array so that a single cached statement serves
    // every filter; without a filter (NULL) the index on (run_id, seq) does all the work.
    this.#list = db.prepare(
      `SELECT seq, run_id, type, at, data FROM events
       WHERE run_id = :runId AND seq > :afterSeq
         AND (:types IS NULL OR type IN (SELECT value FROM json_each(:types)))
       ORDER BY seq
       LIMIT :limit`,
    );
  }

  append(event: NewEvent): number {
    const data = toJsonText(event.data, `the data of a "${event.type}" event`);
    try {
      const { lastInsertRowid } = this.#insert.run(
        event.runId,
        event.type,
        Math.round(event.at),
        data,
      );
      return Number(lastInsertRowid);
    } catch (error) {
      throw explainWriteError(error, event.runId);
    }
  }

  list(runId: string, options: ListEventsOptions = {}): JournalEvent[] {
    if (options.limit !== undefined) assertCount('limit', options.limit);
    return this.#list
      .all({
        runId,
        afterSeq: options.afterSeq ?? 0,
        types: options.types === undefined ? null : JSON.stringify(options.types),
        limit: options.limit ?? -1,
      })
      .map((row) => readRow(eventRow, row, `an event of run "${runId}"`));
  }
}
