// Test support for conflict resolution: a real product repository, journal, memory and a
// gateway over a scripted model, wired into a run context as the pipeline wires them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lokiConfigSchema, type LokiConfigInput } from '../../config/index.ts';
import { EventBus, createJournalSink, type RunEvent } from '../../events/index.ts';
import { openTempMemoryStore } from '../../memory/testing.ts';
import {
  ModelCatalog,
  ModelGateway,
  ScriptedModel,
  modelSettingsSchema,
  type ScriptedReply,
} from '../../model/index.ts';
import { openTestJournal } from '../../model/testing.ts';
import type { ReviewFinding } from '../../review/index.ts';
import { ProductRepository } from '../../workspace/index.ts';
import { parsePrd } from '../prd.ts';
import type { RunContext } from '../run-context.ts';

/** A product whose main branch holds `files`, committed, as parallel execution leaves it. */
export async function buildProduct(files: Record<string, string>): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'loki-resolution-'));
  const outDir = join(root, 'product');
  await ProductRepository.open(outDir, join(root, 'worktrees'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), content);
  }
  execFileSync('git', ['add', '--all'], { cwd: outDir });
  execFileSync('git', ['commit', '--quiet', '-m', 'The product as built'], { cwd: outDir });
  return outDir;
}

/** A Node project tested with node --test: package.json and its files. */
export const nodeProject = (files: Record<string, string>) => ({
  'package.json': `${JSON.stringify({ name: 'product', type: 'module', scripts: { test: 'node --test' } }, null, 2)}\n`,
  ...files,
});

/** A run context over real parts: journal, memory, git product; a scripted model. */
export function resolutionContext(options: {
  outDir: string;
  replies: ScriptedReply[];
  config?: Partial<LokiConfigInput>;
}) {
  const runId = 'run_1';
  const journal = openTestJournal(runId);
  const clock = { now: () => Date.now() };
  const events = new EventBus(runId, clock);
  const seen: RunEvent[] = [];
  const sink = createJournalSink(journal);
  events.subscribe((event) => {
    seen.push(event);
    sink.sink(event);
  });
  const model = new ScriptedModel('session', { replies: options.replies });
  const catalog = new ModelCatalog(
    modelSettingsSchema.parse({ model: 'scripted/session' }),
    {},
    () => model,
  );
  const gateway = new ModelGateway({ catalog, runId, journal, events, clock });
  const { store: memory } = openTempMemoryStore();
  const config = lokiConfigSchema.parse({
    model: 'scripted/session',
    sandbox: 'none',
    gates: { requireLinter: false, minCoveragePercent: 0 },
    ...options.config,
  });
  const context: RunContext = {
    runId,
    prd: parsePrd('# Product\nA small product.', null),
    outDir: options.outDir,
    config,
    journal,
    events,
    gateway,
    memory,
    signal: new AbortController().signal,
    clock,
  };
  return { context, events: seen, model, memory, journal };
}

/** A finding as a reviewer records it. */
export const finding = (fields: Partial<ReviewFinding> & Pick<ReviewFinding, 'id' | 'file'>) =>
  ({
    reviewer: 'security',
    severity: 'high',
    line: 1,
    title: fields.id,
    detail: '',
    rule: 'model',
    source: 'model',
    ...fields,
  }) satisfies ReviewFinding;

type ToolCall = { name: string; input: unknown };
export const write = (path: string, content: string): ToolCall => ({
  name: 'write_file',
  input: { path, content },
});
export const finish = (summary: string): ToolCall => ({ name: 'finish', input: { summary } });
/** A sub-agent's turn: tool calls, the last one usually finish. */
export const agentTurn = (agent: string, ...toolCalls: ToolCall[]): ScriptedReply => ({
  match: { agent },
  toolCalls,
});
/** The two advocates and the mediator of one debate. */
export const debate = (findingId: string, decision: Record<string, unknown>): ScriptedReply[] => [
  {
    match: { agent: `advocate-lesson:${findingId}` },
    text: 'The lesson was learned the hard way.',
  },
  { match: { agent: `advocate-code:${findingId}` }, text: 'The new code has its reasons.' },
  { match: { agent: `mediator:${findingId}` }, object: decision },
];
