import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { explainWriteError } from './journal-errors.ts';
import { jsonText, readRow, toJsonText } from './json-column.ts';

/** Every state a task can be in. */
export const taskStates = ['pending', 'running', 'done', 'failed', 'skipped'] as const;

/** Where one task of the plan stands. */
export type TaskState = (typeof taskStates)[number];

/** One task of a run's plan, as written and as read back. */
export interface TaskRecord {
  runId: string;
  taskId: string;
  name: string;
  role: string;
  description: string;
  /** Ids of the tasks this one waits for. */
  dependsOn: string[];
  acceptanceCriteria: string[];
  state: TaskState;
  summary: string | null;
  updatedAt: number;
}

const stringList = jsonText(z.array(z.string()));

const taskRow = z
  .object({
    run_id: z.string(),
    task_id: z.string(),
    name: z.string(),
    role: z.string(),
    description: z.string(),
    depends_on: stringList,
    acceptance_criteria: stringList,
    state: z.enum(taskStates),
    summary: z.string().nullable(),
    updated_at: z.number(),
  })
  .transform((row): TaskRecord => ({
    runId: row.run_id,
    taskId: row.task_id,
    name: row.name,
    role: row.role,
    description: row.description,
    dependsOn: row.depends_on,
    acceptanceCriteria: row.acceptance_criteria,
    state: row.state,
    summary: row.summary,
    updatedAt: row.updated_at,
  }));

/** The `tasks` table: one row per run and task id. */
export class TaskRecords {
  readonly #upsert: StatementSync;
  readonly #list: StatementSync;

  constructor(db: DatabaseSync) {
    // DO UPDATE keeps the row (and its rowid), so tasks list in the order they were first
    // written: the order of the plan, however often their state changes.
    this.#upsert = db.prepare(
      `INSERT INTO tasks (run_id, task_id, name, role, description, depends_on,
         acceptance_criteria, state, summary, updated_at)
       VALUES (:runId, :taskId, :name, :role, :description, :dependsOn, :acceptanceCriteria,
         :state, :summary, :updatedAt)
       ON CONFLICT (run_id, task_id) DO UPDATE SET
         name = excluded.name, role = excluded.role, description = excluded.description,
         depends_on = excluded.depends_on, acceptance_criteria = excluded.acceptance_criteria,
         state = excluded.state, summary = excluded.summary, updated_at = excluded.updated_at`,
    );
    this.#list = db.prepare('SELECT * FROM tasks WHERE run_id = ? ORDER BY rowid');
  }

  upsert(task: TaskRecord): void {
    try {
      this.#upsert.run({
        runId: task.runId,
        taskId: task.taskId,
        name: task.name,
        role: task.role,
        description: task.description,
        dependsOn: toJsonText(task.dependsOn, `the dependencies of task "${task.taskId}"`),
        acceptanceCriteria: toJsonText(
          task.acceptanceCriteria,
          `the acceptance criteria of task "${task.taskId}"`,
        ),
        state: task.state,
        summary: task.summary,
        updatedAt: Math.round(task.updatedAt),
      });
    } catch (error) {
      throw explainWriteError(error, task.runId);
    }
  }

  list(runId: string): TaskRecord[] {
    return this.#list.all(runId).map((row) => readRow(taskRow, row, `a task of run "${runId}"`));
  }
}
