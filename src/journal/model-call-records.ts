import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { assertCount, explainWriteError } from './journal-errors.ts';
import {
  anyJsonText,
  nullableJsonText,
  readRow,
  toJsonText,
  toNullableJsonText,
} from './json-column.ts';

/**
 * One model exchange to record, keyed by a hash of its request so that a resumed run can be
 * served from the journal instead of paying for the call again.
 */
export interface ModelCallRecordInput {
  runId: string;
  requestHash: string;
  stage: string;
  agent: string;
  role: string;
  provider: string;
  modelId: string;
  /** The request as sent, already redacted by the caller: the journal stores what it is given. */
  request: unknown;
  response: unknown;
  /** `null` for a call that succeeded; only those are served again by `findModelCall`. */
  error: unknown;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  attempts: number;
  startedAt: number;
  finishedAt: number;
}

/** A recorded model exchange, with the sequence number it was recorded under. */
export interface ModelCallRecord extends ModelCallRecordInput {
  /** Increases with every call recorded in this journal: the order of recording. */
  seq: number;
}

const modelCallRow = z
  .object({
    seq: z.number(),
    run_id: z.string(),
    request_hash: z.string(),
    stage: z.string(),
    agent: z.string(),
    role: z.string(),
    provider: z.string(),
    model_id: z.string(),
    request: anyJsonText,
    response: nullableJsonText,
    error: nullableJsonText,
    input_tokens: z.number(),
    output_tokens: z.number(),
    cost_usd: z.number(),
    latency_ms: z.number(),
    attempts: z.number(),
    started_at: z.number(),
    finished_at: z.number(),
  })
  .transform((row): ModelCallRecord => ({
    seq: row.seq,
    runId: row.run_id,
    requestHash: row.request_hash,
    stage: row.stage,
    agent: row.agent,
    role: row.role,
    provider: row.provider,
    modelId: row.model_id,
    request: row.request,
    response: row.response,
    error: row.error,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    latencyMs: row.latency_ms,
    attempts: row.attempts,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  }));

/** The `model_calls` table. */
export class ModelCallRecords {
  readonly #insert: StatementSync;
  readonly #find: StatementSync;
  readonly #list: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      `INSERT INTO model_calls (run_id, request_hash, stage, agent, role, provider, model_id,
         request, response, error, input_tokens, output_tokens, cost_usd, latency_ms, attempts,
         started_at, finished_at)
       VALUES (:runId, :requestHash, :stage, :agent, :role, :provider, :modelId, :request,
         :response, :error, :inputTokens, :outputTokens, :costUsd, :latencyMs, :attempts,
         :startedAt, :finishedAt)`,
    );
    // `error IS NULL` is spelled out so the planner can use the partial index.
    this.#find = db.prepare(
      `SELECT * FROM model_calls
       WHERE run_id = ? AND request_hash = ? AND error IS NULL
       ORDER BY seq LIMIT 1 OFFSET ?`,
    );
    this.#list = db.prepare('SELECT * FROM model_calls WHERE run_id = ? ORDER BY seq');
  }

  record(call: ModelCallRecordInput): number {
    const what = `model call ${call.requestHash} of run "${call.runId}"`;
    try {
      const { lastInsertRowid } = this.#insert.run({
        runId: call.runId,
        requestHash: call.requestHash,
        stage: call.stage,
        agent: call.agent,
        role: call.role,
        provider: call.provider,
        modelId: call.modelId,
        request: toJsonText(call.request, `the request of ${what}`),
        response: toNullableJsonText(call.response, `the response of ${what}`),
        error: toNullableJsonText(call.error, `the error of ${what}`),
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        costUsd: call.costUsd,
        latencyMs: Math.round(call.latencyMs),
        attempts: call.attempts,
        startedAt: Math.round(call.startedAt),
        finishedAt: Math.round(call.finishedAt),
      });
      return Number(lastInsertRowid);
    } catch (error) {
      throw explainWriteError(error, call.runId);
    }
  }

  find(runId: string, requestHash: string, occurrence: number): ModelCallRecord | undefined {
    assertCount('occurrence', occurrence);
    const row = this.#find.get(runId, requestHash, occurrence);
    return row === undefined
      ? undefined
      : readRow(modelCallRow, row, `model call ${requestHash} of run "${runId}"`);
  }

  list(runId: string): ModelCallRecord[] {
    return this.#list
      .all(runId)
      .map((row) => readRow(modelCallRow, row, `a model call of run "${runId}"`));
  }
}
