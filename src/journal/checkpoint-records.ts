import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { explainWriteError } from './journal-errors.ts';
import { anyJsonText, readRow, toJsonText } from './json-column.ts';

/** A stage's output to keep, so a resumed run need not run the stage again. */
export interface NewCheckpoint {
  runId: string;
  stage: string;
  output: unknown;
  at: number;
}

/** A saved checkpoint of one stage. */
export interface Checkpoint {
  stage: string;
  output: unknown;
  at: number;
}

const checkpointRow = z.object({ stage: z.string(), output: anyJsonText, at: z.number() });

/** The `checkpoints` table: one row per run and stage. */
export class CheckpointRecords {
  readonly #save: StatementSync;
  readonly #select: StatementSync;
  readonly #list: StatementSync;
  readonly #delete: StatementSync;

  constructor(db: DatabaseSync) {
    // REPLACE deletes the old row and inserts a new one with a new, larger rowid: a checkpoint
    // saved again moves to the end, so the list is in the order of each stage's latest save.
    this.#save = db.prepare(
      'INSERT OR REPLACE INTO checkpoints (run_id, stage, output, at) VALUES (?, ?, ?, ?)',
    );
    this.#select = db.prepare(
      'SELECT stage, output, at FROM checkpoints WHERE run_id = ? AND stage = ?',
    );
    this.#list = db.prepare(
      'SELECT stage, output, at FROM checkpoints WHERE run_id = ? ORDER BY rowid',
    );
    this.#delete = db.prepare('DELETE FROM checkpoints WHERE run_id = ? AND stage = ?');
  }

  save(checkpoint: NewCheckpoint): void {
    const output = toJsonText(checkpoint.output, `the output of stage "${checkpoint.stage}"`);
    try {
      this.#save.run(checkpoint.runId, checkpoint.stage, output, Math.round(checkpoint.at));
    } catch (error) {
      throw explainWriteError(error, checkpoint.runId);
    }
  }

  get(runId: string, stage: string): Checkpoint | undefined {
    const row = this.#select.get(runId, stage);
    return row === undefined
      ? undefined
      : readRow(checkpointRow, row, `the checkpoint of stage "${stage}" of run "${runId}"`);
  }

  list(runId: string): Checkpoint[] {
    return this.#list
      .all(runId)
      .map((row) => readRow(checkpointRow, row, `a checkpoint of run "${runId}"`));
  }

  /** Returns whether there was a checkpoint to delete. */
  delete(runId: string, stage: string): boolean {
    return Number(this.#delete.run(runId, stage).changes) > 0;
  }
}
