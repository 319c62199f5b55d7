import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { LokiError } from '../core/index.ts';
import { assertCount, isUniqueViolation, runNotFound } from './journal-errors.ts';
import {
  anyJsonText,
  nullableJsonText,
  readRow,
  toJsonText,
  toNullableJsonText,
} from './json-column.ts';

/** Every status a run can have, in no particular order. */
export const runStatuses = ['running', 'succeeded', 'failed', 'stopped', 'needs_decision'] as const;

/** Where a run stands: still `running`, finished one way or another, or waiting for a person. */
export type RunStatus = (typeof runStatuses)[number];

/** One run as the journal holds it. */
export interface RunRecord {
  runId: string;
  /** The PRD text the run was given. */
  prd: string;
  /** Where the PRD was read from; `null` when it was passed inline. */
  prdPath: string | null;
  outDir: string;
  /** The resolved run options, as JSON. */
  settings: unknown;
  status: RunStatus;
  stopReason: string | null;
  summary: unknown;
  /** Time the run spent working, summed over its resumptions, in milliseconds. */
  activeMs: number;
  /** The process running it now or last; `null` when none was recorded. */
  pid: number | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** What a new run starts from. It starts `running`, with no time spent and no summary. */
export interface NewRun {
  runId: string;
  prd: string;
  prdPath: string | null;
  outDir: string;
  settings: unknown;
  createdAt: number;
}

/** A change to a run. Fields left out (or `undefined`) keep their value. */
export type RunPatch = Partial<
  Pick<RunRecord, 'status' | 'stopReason' | 'summary' | 'activeMs' | 'pid' | 'finishedAt'>
> & { updatedAt: number };

/** Options of `listRuns`. */
export interface ListRunsOptions {
  /** At most this many runs; all when left out. */
  limit?: number;
}

const runRow = z
  .object({
    run_id: z.string(),
    prd: z.string(),
    prd_path: z.string().nullable(),
    out_dir: z.string(),
    settings: anyJsonText,
    status: z.enum(runStatuses),
    stop_reason: z.string().nullable(),
    summary: nullableJsonText,
    active_ms: z.number(),
    pid: z.number().nullable(),
    created_at: z.number(),
    updated_at: z.number(),
    finished_at: z.number().nullable(),
  })
  .transform((row): RunRecord => ({
    runId: row.run_id,
    prd: row.prd,
    prdPath: row.prd_path,
    outDir: row.out_dir,
    settings: row.settings,
    status: row.status,
    stopReason: row.stop_reason,
    summary: row.summary,
    activeMs: row.active_ms,
    pid: row.pid,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  }));

/** The `runs` table: statements prepared once, rows parsed on the way out. */
export class RunRecords {
  readonly #insert: StatementSync;
  readonly #select: StatementSync;
  readonly #list: StatementSync;
  readonly #update: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      `INSERT INTO runs (run_id, prd, prd_path, out_dir, settings, status, active_ms,
                         created_at, updated_at)
       VALUES (:runId, :prd, :prdPath, :outDir, :settings, 'running', 0, :createdAt, :createdAt)`,
    );
    this.#select = db.prepare('SELECT * FROM runs WHERE run_id = ?');
    // rowid breaks ties between runs created in the same millisecond: the later insert is newer.
    this.#list = db.prepare('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?');
    // One statement for every patch shape: a `has*` flag of 0 keeps the column as it is, so a
    // field can also be set to NULL on purpose.
    this.#update = db.prepare(
      `UPDATE runs SET
         status      = IIF(:hasStatus, :status, status),
         stop_reason = IIF(:hasStopReason, :stopReason, stop_reason),
         summary     = IIF(:hasSummary, :summary, summary),
         active_ms   = IIF(:hasActiveMs, :activeMs, active_ms),
         pid         = IIF(:hasPid, :pid, pid),
         finished_at = IIF(:hasFinishedAt, :finishedAt, finished_at),
         updated_at  = :updatedAt
       WHERE run_id = :runId`,
    );
  }

  create(run: NewRun): RunRecord {
    try {
      this.#insert.run({
        runId: run.runId,
        prd: run.prd,
        prdPath: run.prdPath,
        outDir: run.outDir,
        settings: toJsonText(run.settings, `the settings of run "${run.runId}"`),
        createdAt: Math.round(run.createdAt),
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new LokiError({
        code: 'journal.run-exists',
        category: 'bad-input',
        message: `the journal already holds a run "${run.runId}"; resume it, or start a new run`,
        details: { runId: run.runId },
        cause: error,
      });
    }
    const created = this.get(run.runId);
    if (created === undefined) throw runNotFound(run.runId);
    return created;
  }

  get(runId: string): RunRecord | undefined {
    const row = this.#select.get(runId);
    return row === undefined ? undefined : readRow(runRow, row, `run "${runId}"`);
  }

  list(options: ListRunsOptions = {}): RunRecord[] {
    if (options.limit !== undefined) assertCount('limit', options.limit);
    // LIMIT -1 is SQLite for "no limit".
    return this.#list.all(options.limit ?? -1).map((row) => readRow(runRow, row, 'a run'));
  }

  update(runId: string, patch: RunPatch): void {
    const { changes } = this.#update.run({
      runId,
      hasStatus: flag(patch.status),
      status: patch.status ?? null,
      hasStopReason: flag(patch.stopReason),
      stopReason: patch.stopReason ?? null,
      hasSummary: flag(patch.summary),
      summary: toNullableJsonText(patch.summary, `the summary of run "${runId}"`),
      hasActiveMs: flag(patch.activeMs),
      activeMs: roundOrNull(patch.activeMs),
      hasPid: flag(patch.pid),
      pid: patch.pid ?? null,
      hasFinishedAt: flag(patch.finishedAt),
      finishedAt: roundOrNull(patch.finishedAt),
      updatedAt: Math.round(patch.updatedAt),
    });
    if (Number(changes) === 0) throw runNotFound(runId);
  }
}

function flag(value: unknown): number {
  return value === undefined ? 0 : 1;
}

function roundOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value);
}
