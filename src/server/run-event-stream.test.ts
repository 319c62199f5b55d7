import { describe, expect, it } from 'vitest';
import {
  createTestRun,
  journalModuleUrl,
  openTempJournal,
  startNodeProcess,
} from '../journal/test-support.ts';
import { startServer } from './start-server.ts';

interface StreamMessage {
  id: string | undefined;
  event: string;
  data: unknown;
}

/** Reads a server-sent event stream until `run-ended` (or the stream ends). */
async function readStream(response: Response): Promise<StreamMessage[]> {
  const messages: StreamMessage[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .filter((line) => line.startsWith(`${name}:`))
          .map((line) => line.slice(name.length + 1).trim())
          .join('\n');
      if (!field('event')) continue;
      messages.push({
        id: field('id') || undefined,
        event: field('event'),
        data: JSON.parse(field('data')),
      });
      if (field('event') === 'run-ended') return messages;
    }
  }
  return messages;
}

/** Another process appending a run's events one by one, then finishing the run. */
const writerScript = (path: string, runId: string) => `
  import { Journal } from ${JSON.stringify(journalModuleUrl)};
  const journal = Journal.open(${JSON.stringify(path)});
  console.log('ready');
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  for (const taskId of ['api', 'tests', 'docs']) {
    await sleep(150);
    journal.appendEvent({ runId: ${JSON.stringify(runId)}, type: 'task-started', at: Date.now(),
      data: { taskId, name: taskId, role: 'backend' } });
  }
  await sleep(150);
  journal.updateRun(${JSON.stringify(runId)}, { status: 'succeeded', pid: null, finishedAt: Date.now(), updatedAt: Date.now() });
  journal.close();
`;

describe('the live run stream over real HTTP', () => {
  it('sends the events another process appends to the journal, as they come, then run-ended', async () => {
    const journal = openTempJournal();
    createTestRun(journal, 'run_live');
    // The run's process is this one, alive: the run counts as running until the writer ends it.
    journal.updateRun('run_live', { pid: process.pid, updatedAt: 2_000 });
    const earlier = journal.appendEvent({
      runId: 'run_live',
      type: 'stage-started',
      at: 2_000,
      data: { stage: 'execution', title: 'Parallel execution' },
    });
    const server = await startServer({ journal, port: 0, pollMs: 30 });
    try {
      const response = await fetch(`${server.url}/api/runs/run_live/events`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const writer = startNodeProcess(writerScript(journal.path, 'run_live'));
      await writer.ready;
      const startedReading = Date.now();
      const messages = await readStream(response);
      expect((await writer.exited).code).toBe(0);

      expect(messages.map((message) => message.event)).toEqual([
        'run-event',
        'run-event',
        'run-event',
        'run-event',
        'run-ended',
      ]);
      const events = messages
        .slice(0, 4)
        .map((message) => message.data as { seq: number; type: string; data: { taskId?: string } });
      expect(events[0]!.seq).toBe(earlier);
      expect(events.slice(1).map((event) => event.data.taskId)).toEqual(['api', 'tests', 'docs']);
      expect(messages.slice(0, 4).map((message) => Number(message.id))).toEqual(
        journal.listEvents('run_live').map((event) => event.seq),
      );
      expect(messages[4]!.data).toEqual({ runId: 'run_live', status: 'succeeded' });
      // The writer took at least 600 ms: the stream followed it live rather than reading at the end.
      expect(Date.now() - startedReading).toBeGreaterThanOrEqual(550);

      // A client that reconnects with Last-Event-ID gets only what came after.
      const resumed = await fetch(`${server.url}/api/runs/run_live/events`, {
        headers: { 'Last-Event-ID': String(events[2]!.seq) },
      });
      const rest = await readStream(resumed);
      expect(rest.map((message) => message.event)).toEqual(['run-event', 'run-ended']);
      expect((rest[0]!.data as { data: { taskId: string } }).data.taskId).toBe('docs');
    } finally {
      await server.close();
    }
  });

  it('answers a stream of an unknown run with a JSON 404, and a bad cursor with a 400', async () => {
    const journal = openTempJournal();
    const server = await startServer({ journal, port: 0 });
    try {
      const missing = await fetch(`${server.url}/api/runs/run_missing/events`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
        'run.not-found',
      );
      expect((await fetch(`${server.url}/api/runs/run_missing/events?after=-1`)).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
