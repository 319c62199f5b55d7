// What the model gateway adds to each call — journal lookup and write, hashing, redaction,
// events, retry and limit bookkeeping — measured against the raw provider call on the same
// loopback test server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../src/events/index.ts';
import { Journal } from '../src/journal/index.ts';
import {
  ModelCatalog,
  ModelGateway,
  modelSettingsSchema,
  type ModelRequest,
} from '../src/model/index.ts';
import { startTestModelServer } from '../src/model/test-server/index.ts';
import { formatBenchResult, isMain, median, type BenchResult } from './bench-result.ts';

const prompt = 'Write a function that adds two numbers. '.repeat(40);

export async function benchGatewayOverhead(calls = 400): Promise<BenchResult[]> {
  // The server consumes one scripted reply per request: enough for warm-up and every call.
  const server = await startTestModelServer({
    replies: Array.from({ length: calls * 2 + 40 }, () => ({
      text: 'function add(a, b) { return a + b; }',
    })),
  });
  const directory = mkdtempSync(join(tmpdir(), 'loki-bench-'));
  try {
    const settings = modelSettingsSchema.parse({
      model: 'openai-compatible/test-model',
      baseUrl: server.baseUrl,
    });
    const catalog = new ModelCatalog(settings, {});
    const journal = Journal.open(join(directory, 'journal.db'));
    journal.createRun({
      runId: 'bench',
      prd: 'x',
      prdPath: null,
      outDir: directory,
      settings: {},
      createdAt: Date.now(),
    });
    const gateway = new ModelGateway({
      catalog,
      runId: 'bench',
      journal,
      events: new EventBus('bench', { now: Date.now }),
    });
    const { model } = catalog.modelFor('coder');
    const request = (index: number): ModelRequest => ({
      role: 'coder',
      stage: 'bench',
      agent: 'bench',
      messages: [{ role: 'user', content: [{ type: 'text', text: `${prompt} #${index}` }] }],
    });

    const timeDirect = async (index: number) => {
      const started = performance.now();
      const { stream } = await model.doStream({
        prompt: [{ role: 'user', content: [{ type: 'text', text: `${prompt} #${index}` }] }],
      });
      for await (const part of stream) void part;
      return performance.now() - started;
    };
    const timeGateway = async (index: number) => {
      const started = performance.now();
      await gateway.generate(request(index));
      return performance.now() - started;
    };
    for (let index = 0; index < 20; index++) {
      await timeDirect(-index - 1);
      await timeGateway(-index - 1);
    }
    const direct: number[] = [];
    const throughGateway: number[] = [];
    // Interleaved, so drift in the machine's load affects both alike.
    for (let index = 0; index < calls; index++) {
      direct.push(await timeDirect(index));
      throughGateway.push(await timeGateway(index));
    }
    journal.close();
    const overhead = median(throughGateway) - median(direct);
    return [
      {
        name: `gateway overhead per call (median of ${calls}, gateway ${median(throughGateway).toFixed(2)} ms vs provider ${median(direct).toFixed(2)} ms)`,
        value: overhead,
        unit: 'ms',
        target: '<= 2 ms',
        ok: overhead <= 2,
      },
    ];
  } finally {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url))
  (await benchGatewayOverhead()).map(formatBenchResult).forEach((line) => console.log(line));
