// Orchestration overhead of parallel execution: 10 independent tasks at concurrency 10, each
// agent making 5 model calls to the loopback test server at 200 ms a reply, with real git
// worktrees, commits and merges. The stage's wall time is compared with its longest task.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../src/events/index.ts';
import { Journal } from '../src/journal/index.ts';
import { SqliteMemoryStore } from '../src/memory/index.ts';
import { startTestModelServer, type Reply } from '../src/model/test-server/index.ts';
import { parsePrd, startRun } from '../src/pipeline/index.ts';
import { formatBenchResult, isMain, type BenchResult } from './bench-result.ts';

const taskCount = 10;
const callsPerTask = 5;
const latencyMs = 200;
const target = 1.1;

function scriptFor(ids: string[]): Reply[] {
  const graph = {
    summary: 'Independent documents.',
    tasks: ids.map((id) => ({
      id,
      name: id,
      role: 'docs',
      description: `Write docs/${id}.md`,
      acceptanceCriteria: ['it exists'],
      dependsOn: [],
    })),
  };
  const agentReplies = ids.flatMap((id): Reply[] => {
    const match = { promptIncludes: `# Your task: ${id} (${id})` };
    const looks = Array.from({ length: callsPerTask - 1 }, () => ({
      match,
      latencyMs,
      toolCalls: [{ name: 'list_files', arguments: {} }],
    }));
    const finish = {
      match,
      latencyMs,
      toolCalls: [
        { name: 'write_file', arguments: { path: `docs/${id}.md`, content: `# ${id}\n` } },
        { name: 'finish', arguments: { summary: `docs/${id}.md` } },
      ],
    };
    return [...looks, finish];
  });
  return [{ text: JSON.stringify(graph) }, ...agentReplies];
}

/** Runs the graph of `ids` once and returns the execution stage's wall time and each task's. */
async function measure(ids: string[]): Promise<{ stageMs: number; taskMs: number[] }> {
  const server = await startTestModelServer({ replies: scriptFor(ids) });
  const directory = mkdtempSync(join(tmpdir(), 'loki-bench-execution-'));
  const events: RunEvent[] = [];
  try {
    using journal = Journal.open(join(directory, '.loki', 'journal.db'));
    const memory = SqliteMemoryStore.open(join(directory, 'memory.db'));
    const { summary } = await startRun(
      {
        prd: parsePrd('# Docs\nTen documents.', null),
        outDir: join(directory, 'product'),
        config: {
          model: 'openai-compatible/test-model',
          baseUrl: server.baseUrl,
          concurrency: taskCount,
          sandbox: 'none',
        },
        kind: 'run',
      },
      { journal, env: {}, memory, sinks: [(event) => events.push(event)] },
    );
    await memory.close();
    const execution = summary.stages.find((stage) => stage.stage === 'execution');
    if (summary.status !== 'succeeded' || !execution)
      throw new Error(`the bench run did not succeed: ${summary.error?.message}`);
    const started = new Map<string, number>();
    const taskMs: number[] = [];
    for (const event of events) {
      if (event.type === 'task-started') started.set(event.taskId, event.at);
      if (event.type === 'task-finished')
        taskMs.push(event.at - (started.get(event.taskId) ?? event.at));
    }
    return { stageMs: execution.durationMs, taskMs };
  } finally {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function benchExecutionOverhead(): Promise<BenchResult[]> {
  const ids = Array.from({ length: taskCount }, (_, index) => `doc-${index + 1}`);
  const single = await measure(['doc-alone']);
  const parallel = await measure(ids);
  const longest = Math.max(...parallel.taskMs);
  const ratio = parallel.stageMs / longest;
  return [
    {
      name: `parallel execution, ${taskCount} tasks at concurrency ${taskCount} (${callsPerTask} calls of ${latencyMs} ms each): stage ${parallel.stageMs} ms / longest task ${longest} ms`,
      value: ratio,
      unit: 'x',
      target: `<= ${target.toFixed(2)} x`,
      ok: ratio <= target,
    },
    {
      name: `  the same ${taskCount} tasks against one task run alone (${single.stageMs} ms)`,
      value: parallel.stageMs / single.stageMs,
      unit: 'x',
      target: `(information: ${taskCount} run one after another would take ~${taskCount}.00 x)`,
      ok: true,
    },
  ];
}

if (isMain(import.meta.url))
  (await benchExecutionOverhead()).map(formatBenchResult).forEach((line) => console.log(line));
