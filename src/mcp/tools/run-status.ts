import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { LokiError } from '../../core/index.ts';
import {
  runEventSchema,
  runSummarySchema,
  statusEventTypes,
  statusLine,
} from '../../events/index.ts';
import { isAlive } from '../../pipeline/index.ts';
import { configOf, openProjectJournal, type DoorContext } from '../door-context.ts';

const statusInput = z.strictObject({
  runId: z.string().trim().min(1).describe('The run id, as loki_develop_product returned it'),
});

/** How many of a run's latest status lines the answer carries. */
const recentLines = 15;

/**
 * `loki_run_status`: where a run stands, read from the journal, so it also answers for runs
 * started by the CLI or another server, and for runs still working.
 */
export function registerRunStatus(server: McpServer, context: DoorContext): void {
  server.registerTool(
    'loki_run_status',
    {
      title: 'Status of a Loki run',
      description:
        'Status, stages, tasks, tokens and cost of one run, and its latest status lines.',
      inputSchema: statusInput,
      annotations: { readOnlyHint: true },
    },
    async ({ runId }) => {
      const { config } = await configOf(context);
      using journal = openProjectJournal(context, config.journal);
      const run = journal.getRun(runId);
      if (!run) {
        const known = journal.listRuns({ limit: 5 }).map((record) => record.runId);
        throw new LokiError({
          code: 'run.not-found',
          category: 'bad-input',
          message: `there is no run "${runId}" in ${journal.path}; recent runs: ${known.join(', ') || 'none'}`,
          details: { runId },
        });
      }
      // A run marked running whose process is gone was interrupted; resume continues it.
      const status =
        run.status === 'running' && (run.pid === null || !isAlive(run.pid))
          ? 'interrupted'
          : run.status;
      const summary = runSummarySchema.safeParse(run.summary).data ?? null;
      const tasks = journal
        .listTasks(runId)
        .map((task) => ({ taskId: task.taskId, role: task.role, state: task.state }));
      const lines = journal
        .listEvents(runId, { types: statusEventTypes })
        .flatMap((record) => {
          const event = runEventSchema.safeParse({ ...(record.data as object), type: record.type });
          if (!event.success) return [];
          return [statusLine({ ...event.data, runId, at: record.at })].filter(
            (line): line is string => line !== undefined,
          );
        })
        .slice(-recentLines);
      const result = {
        runId,
        status,
        stopReason: run.stopReason,
        outDir: run.outDir,
        activeMs: run.activeMs,
        usage: journal.usageTotals(runId).total,
        stages:
          summary?.stages.map(({ title, outcome, summary: text }) => ({
            title,
            outcome,
            summary: text,
          })) ??
          journal.listCheckpoints(runId).map((checkpoint) => ({
            title: checkpoint.stage,
            outcome: 'done',
            summary: 'checkpointed',
          })),
        tasks,
        recent: lines,
      };
      const text = [
        `Run ${runId}: ${status}${run.stopReason ? ` (${run.stopReason})` : ''}`,
        `Product: ${run.outDir}`,
        ...result.stages.map((stage) => `- ${stage.title}: ${stage.outcome}; ${stage.summary}`),
        ...(tasks.length > 0
          ? [`Tasks: ${tasks.map((task) => `${task.taskId} ${task.state}`).join(', ')}`]
          : []),
        ...(lines.length > 0 ? ['Latest:', ...lines] : []),
      ].join('\n');
      return { content: [{ type: 'text', text }], structuredContent: result };
    },
  );
}
