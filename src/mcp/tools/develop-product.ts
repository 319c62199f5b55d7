import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { durationSchema } from '../../config/index.ts';
import { runSummarySchema, statusLine, type RunSummary } from '../../events/index.ts';
import { parseModelSpec } from '../../model/index.ts';
import { parsePrd, startRun } from '../../pipeline/index.ts';
import { configOf, openProjectJournal, type DoorContext } from '../door-context.ts';
import { describeSummary } from './describe-summary.ts';

const optionNames = ['model', 'baseUrl', 'out', 'concurrency', 'maxTime', 'budgetUsd', 'maxLines'];

const developOptionsSchema = z
  .strictObject(
    {
      model: z
        .string()
        .min(1)
        .optional()
        .describe('provider/model for every role, e.g. anthropic/claude-sonnet-4-5'),
      baseUrl: z.url().optional().describe('base URL of an OpenAI-compatible server'),
      out: z
        .string()
        .min(1)
        .optional()
        .describe(
          'directory of the product, relative to the server (default loki-out/<PRD title>)',
        ),
      concurrency: z.int().positive().max(256).optional().describe('sub-agents working at once'),
      maxTime: z
        .string()
        .refine((text) => durationSchema.safeParse(text).success, {
          error: 'expected a duration like 3h, 90m, 1h30m or 45s',
        })
        .optional()
        .describe('stop (resumable) after this long: 3h, 90m'),
      budgetUsd: z.number().positive().optional().describe('stop (resumable) at this model spend'),
      maxLines: z.int().positive().optional().describe('stop starting tasks past this many lines'),
    },
    {
      // Name the valid options, so a misspelt one is fixed in one try.
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown option ${issue.keys.map((key) => `"${key}"`).join(', ')}; the options are ${optionNames.join(', ')}`
          : undefined,
    },
  )
  .describe('Run settings; each overrides the project config (loki.config.json)');

/** How long the result waits after the last progress notification. */
const progressSettleMs = 50;

const developInput = z.strictObject({
  prd: z
    .string()
    .trim()
    .min(1, 'the PRD is empty: say what the product must do')
    .describe('The product requirements document, Markdown text'),
  options: developOptionsSchema.optional(),
});

const developOutput = z.object({
  runId: z.string(),
  status: z.string(),
  stopReason: z.string().nullable(),
  outDir: z.string(),
  summary: runSummarySchema,
});

/**
 * `loki_develop_product`: `loki run` as a tool. The run goes through the same `startRun` as the
 * CLI; each status event is sent as a progress notification when the caller asked for progress.
 */
export function registerDevelopProduct(server: McpServer, context: DoorContext): void {
  server.registerTool(
    'loki_develop_product',
    {
      title: 'Develop a product from a PRD',
      description:
        'Plans, builds, tests, reviews, audits and deploys a product from a PRD. Long-running: ' +
        'sends progress notifications while it works and returns the run id and summary. ' +
        'A run that stops at a limit can be continued with `loki resume <runId>`.',
      inputSchema: developInput,
      outputSchema: developOutput,
    },
    async ({ prd: text, options = {} }, extra) => {
      if (options.model) parseModelSpec(options.model, 'options.model');
      const prd = parsePrd(text, null);
      const { out, ...flags } = options;
      const { config, input } = await configOf(context, flags);
      const outDir = resolve(context.cwd, out ?? `loki-out/${slugOf(prd.title)}`);
      using journal = openProjectJournal(context, config.journal);
      const progressToken = extra._meta?.progressToken;
      let progress = 0;
      // Sent one after another, and all before the result: the client stops listening for a
      // request's progress once its result arrives.
      let sent = Promise.resolve();
      const sendProgress = (message: string) => {
        const params = { progressToken: progressToken!, progress: ++progress, message };
        sent = sent.then(() =>
          extra
            .sendNotification({ method: 'notifications/progress', params })
            // A caller that went away must not fail the run.
            .catch(() => undefined),
        );
      };
      const { summary } = await startRun(
        { prd, outDir, config: input, kind: 'run' },
        {
          journal,
          env: context.env,
          signal: extra.signal,
          sinks:
            progressToken === undefined
              ? []
              : [
                  (event) => {
                    const line = statusLine(event);
                    if (line !== undefined) sendProgress(line);
                  },
                ],
        },
      );
      await sent;
      // The SDK's client (v1) handles notifications a microtask later than responses, so a
      // progress read in the same chunk as the result is lost (typescript-sdk issue #2580);
      // a moment's pause gives the last progress a read of its own.
      if (progress > 0) await delay(progressSettleMs);
      return {
        content: [{ type: 'text', text: describeSummary(summary) }],
        structuredContent: resultOf(summary),
      };
    },
  );
}

function resultOf(summary: RunSummary): z.infer<typeof developOutput> {
  const { runId, status, stopReason, outDir } = summary;
  return { runId, status, stopReason, outDir, summary };
}

/** A directory name from a PRD title: `Todo API` → `todo-api`. */
function slugOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'prd';
}
