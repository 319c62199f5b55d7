import type { DatabaseSync } from 'node:sqlite';
import { CheckpointRecords, type Checkpoint, type NewCheckpoint } from './checkpoint-records.ts';
import {
  EventRecords,
  type JournalEvent,
  type ListEventsOptions,
  type NewEvent,
} from './event-records.ts';
import {
  ModelCallRecords,
  type ModelCallRecord,
  type ModelCallRecordInput,
} from './model-call-records.ts';
import { openDatabase } from './open-database.ts';
import {
  RunRecords,
  type ListRunsOptions,
  type NewRun,
  type RunPatch,
  type RunRecord,
} from './run-records.ts';
import { TaskRecords, type TaskRecord } from './task-records.ts';
import { runInTransaction } from './transaction.ts';
import { UsageQueries, type UsageTotals } from './usage-totals.ts';

/**
 * The durable record of runs: their events, stage checkpoints, model calls and tasks, in one
 * SQLite file. The only writer of run state. Every write is committed when the method returns
 * (or when the enclosing `transaction` does), so a run killed at any moment resumes from what
 * the journal holds; a power cut may lose the last few commits but never corrupts the file.
 * Several processes may open the same file: writers take turns, readers never wait.
 *
 * JSON values are stored as text and read back as parsed JSON; times are stored as whole
 * milliseconds since the epoch. Writes that name a run the journal does not hold throw
 * `journal.run-not-found`.
 */
export class Journal implements Disposable {
  readonly #db: DatabaseSync;
  readonly #path: string;
  readonly #runs: RunRecords;
  readonly #events: EventRecords;
  readonly #checkpoints: CheckpointRecords;
  readonly #modelCalls: ModelCallRecords;
  readonly #usage: UsageQueries;
  readonly #tasks: TaskRecords;

  private constructor(db: DatabaseSync, path: string) {
    this.#db = db;
    this.#path = path;
    this.#runs = new RunRecords(db);
    this.#events = new EventRecords(db);
    this.#checkpoints = new CheckpointRecords(db);
    this.#modelCalls = new ModelCallRecords(db);
    this.#usage = new UsageQueries(db);
    this.#tasks = new TaskRecords(db);
  }

  /**
   * Opens the journal at `path`, creating the file and its folders when missing and upgrading
   * an older schema. `':memory:'` gives a private journal that vanishes on close. Throws
   * `journal.unreadable` for a file that is not a journal, `journal.newer-schema` for one
   * written by a newer Loki.
   */
  static open(path: string): Journal {
    return new Journal(openDatabase(path), path);
  }

  /** The path the journal was opened with. */
  get path(): string {
    return this.#path;
  }

  /** Closes the file. Idempotent; any later call on this journal throws. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * Runs `fn` in one transaction: all its writes commit together or, if it throws, none do.
   * Also the fast path for many writes at once: one commit instead of one per write. `fn`
   * must be synchronous. A nested call is a savepoint: if it throws, only its own writes are
   * undone.
   */
  transaction<T>(fn: () => T): T {
    return runInTransaction(this.#db, fn);
  }

  /** Records a new run, `running`. Throws `journal.run-exists` if the id is taken. */
  createRun(run: NewRun): RunRecord {
    return this.#runs.create(run);
  }

  /** The run with this id, or `undefined`. */
  getRun(runId: string): RunRecord | undefined {
    return this.#runs.get(runId);
  }

  /** Runs, newest first. */
  listRuns(options?: ListRunsOptions): RunRecord[] {
    return this.#runs.list(options);
  }

  /** Changes the given fields of a run. Throws `journal.run-not-found` for an unknown id. */
  updateRun(runId: string, patch: RunPatch): void {
    this.#runs.update(runId, patch);
  }

  /** Appends one event in its own commit and returns its seq, larger than any before it. */
  appendEvent(event: NewEvent): number {
    return this.#events.append(event);
  }

  /**
   * Appends events in one commit, all or none, and returns their seqs in order. Several times
   * faster per event than `appendEvent` (see bench/journal-append.ts).
   */
  appendEvents(events: readonly NewEvent[]): number[] {
    // Nothing to write: do not take the write lock for it.
    if (events.length === 0) return [];
    return this.transaction(() => events.map((event) => this.#events.append(event)));
  }

  /** A run's events in the order they were appended, filtered by `options`. */
  listEvents(runId: string, options?: ListEventsOptions): JournalEvent[] {
    return this.#events.list(runId, options);
  }

  /**
   * Saves a stage's output, replacing any earlier checkpoint of that stage; the replaced
   * checkpoint moves to the end of `listCheckpoints`.
   */
  saveCheckpoint(checkpoint: NewCheckpoint): void {
    this.#checkpoints.save(checkpoint);
  }

  /** The checkpoint of a stage of a run, or `undefined`. */
  getCheckpoint(runId: string, stage: string): Checkpoint | undefined {
    return this.#checkpoints.get(runId, stage);
  }

  /** A run's checkpoints in the order of their latest save. */
  listCheckpoints(runId: string): Checkpoint[] {
    return this.#checkpoints.list(runId);
  }

  /** Forgets a stage's checkpoint, so a resumed run runs the stage again; true if one existed. */
  deleteCheckpoint(runId: string, stage: string): boolean {
    return this.#checkpoints.delete(runId, stage);
  }

  /** Records one model exchange and returns its seq. */
  recordModelCall(call: ModelCallRecordInput): number {
    return this.#modelCalls.record(call);
  }

  /**
   * The `occurrence`-th (0-based) successful call of a run with this request hash, in the
   * order recorded. A run may make the same request twice; each occurrence is served by its
   * own recording, and failed calls are never served.
   */
  findModelCall(
    runId: string,
    requestHash: string,
    occurrence: number,
  ): ModelCallRecord | undefined {
    return this.#modelCalls.find(runId, requestHash, occurrence);
  }

  /** A run's model calls, failed ones included, in the order recorded. */
  listModelCalls(runId: string): ModelCallRecord[] {
    return this.#modelCalls.list(runId);
  }

  /** A run's calls, tokens and cost: in total, by `provider/modelId` and by role. */
  usageTotals(runId: string): UsageTotals {
    return this.#usage.totals(runId);
  }

  /** Writes a task, or replaces the task with the same id; its place in the list is kept. */
  upsertTask(task: TaskRecord): void {
    this.#tasks.upsert(task);
  }

  /** A run's tasks in the order they were first written. */
  listTasks(runId: string): TaskRecord[] {
    return this.#tasks.list(runId);
  }
}
