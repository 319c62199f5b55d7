import { Hono } from 'hono';
import { z } from 'zod';
import { LokiError } from '../core/index.ts';
import type { Journal } from '../journal/index.ts';
import { memoryTypes, type MemoryStore } from '../memory/index.ts';
import { computeRunStats, runFiguresOf, runKinds } from '../pipeline/index.ts';
import { dashboardPage } from './dashboard-page.ts';
import { requireBearerToken, requireLoopbackHostHeader } from './request-guard.ts';
import { streamRunEvents } from './run-event-stream.ts';
import { buildRunView } from './run-view.ts';
import { errorResponse, parseQuery } from './server-errors.ts';

export interface AppOptions {
  journal: Journal;
  /** Where lessons are browsed; without one, `/api/memory` answers 503. */
  memory?: MemoryStore;
  /** When set, every API request must carry it as a bearer token. */
  token?: string;
  /** How often a live stream looks for new events (default 250 ms). */
  pollMs?: number;
}

export interface LokiApp {
  app: Hono;
  /** Ends the live streams, so the server can close. */
  close(): void;
}

const count = (max: number) => z.coerce.number().int().min(1).max(max);
const kindSchema = z.enum(['all', ...runKinds]);
const runIdSchema = z.string().regex(/^[\w.-]{1,200}$/, 'a run id is letters, digits, _ . -');
const runsQuery = z.strictObject({
  limit: count(1000).default(100),
  kind: kindSchema.default('all'),
});
const statsQuery = z.strictObject({
  last: count(1000).default(50),
  kind: kindSchema.default('run'),
});
const eventsQuery = z.strictObject({ after: z.coerce.number().int().min(0).default(0) });
const memoryQuery = z.strictObject({
  q: z.string().trim().max(500).optional(),
  type: z.enum(memoryTypes).optional(),
  limit: count(200).default(50),
  superseded: z.enum(['true', 'false']).default('false'),
});

/**
 * The HTTP API and the dashboard page over one journal (and memory store). Routes read the
 * journal only: runs are started elsewhere and watched here. Every error is JSON
 * `{ error: { code, message } }`.
 */
export function createApp(options: AppOptions): LokiApp {
  const { journal } = options;
  const shutdown = new AbortController();
  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) =>
    errorResponse(
      c,
      new LokiError({
        code: 'server.route-not-found',
        category: 'bad-input',
        message: `no such route: ${c.req.method} ${c.req.path}; the API lives under /api`,
      }),
    ),
  );
  // The page itself holds no data, so it loads without the token; it asks for one to call the API.
  if (options.token === undefined) app.use('*', requireLoopbackHostHeader());
  else app.use('/api/*', requireBearerToken(options.token));

  app.get('/', (c) => dashboardPage(c));
  app.get('/api/runs', (c) => {
    const query = parseQuery(runsQuery, c.req.query());
    const runs = journal
      .listRuns()
      .map((run) => runFiguresOf(journal, run))
      .filter((run) => query.kind === 'all' || run.kind === query.kind)
      .slice(0, query.limit);
    return c.json({ runs });
  });
  app.get('/api/runs/:runId', (c) =>
    c.json(buildRunView(journal, parseRunId(c.req.param('runId')))),
  );
  app.get('/api/runs/:runId/events', (c) => {
    const query = parseQuery(eventsQuery, c.req.query());
    return streamRunEvents(c, {
      journal,
      runId: parseRunId(c.req.param('runId')),
      afterSeq: query.after,
      pollMs: options.pollMs ?? 250,
      signal: shutdown.signal,
    });
  });
  app.get('/api/stats', (c) => {
    const query = parseQuery(statsQuery, c.req.query());
    return c.json(
      computeRunStats(journal, {
        last: query.last,
        kinds: query.kind === 'all' ? [] : [query.kind],
      }),
    );
  });
  app.get('/api/memory', async (c) => {
    const query = parseQuery(memoryQuery, c.req.query());
    const memory = options.memory;
    if (!memory) {
      throw new LokiError({
        code: 'server.no-memory',
        category: 'service-failed',
        message: 'this server was started without a memory store; start it with --memory <path>',
      });
    }
    const filter = { type: query.type, includeSuperseded: query.superseded === 'true' };
    const items = query.q
      ? await memory.search(query.q, { ...filter, limit: query.limit })
      : (await memory.list({ ...filter, limit: query.limit })).map((item) => ({
          item,
          score: null,
        }));
    return c.json({ location: memory.location, items });
  });
  return { app, close: () => shutdown.abort() };
}

function parseRunId(runId: string): string {
  return parseQuery(z.object({ runId: runIdSchema }), { runId }).runId;
}
