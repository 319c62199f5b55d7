// Test support: whole runs of the real pipeline against a scripted model, on real temp files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LokiConfigInput } from '../config/index.ts';
import type { EventSink, RunEvent } from '../events/index.ts';
import type { Journal } from '../journal/index.ts';
import { openTempJournal } from '../journal/test-support.ts';
import type { MemoryStore } from '../memory/index.ts';
import { openTempMemoryStore } from '../memory/testing.ts';
import { callContextOf } from '../model/call-context.ts';
import { ScriptedModel, type ScriptedReply } from '../model/index.ts';
import type { RunServices } from './run-services.ts';

/** The config of a run on `scriptedRun`'s model, with no sandbox; `extra` is merged over it. */
export function scriptedRunConfig(extra: LokiConfigInput = {}): LokiConfigInput {
  return { model: 'scripted/session', sandbox: 'none', ...extra };
}

/** Every reviewer, in every stage, finds nothing: only the analyzers' facts are left. */
export const reviewersFindNothing: ScriptedReply = {
  match: { role: 'reviewer' },
  object: { findings: [] },
  repeat: true,
};

/** What a test hands `startRun` or `resumeRun`, and what it reads back afterwards. */
export interface ScriptedRun {
  /** The one model every role gets; its `calls` hold every request it received. */
  model: ScriptedModel;
  journal: Journal;
  /** Every event the runs on these services emitted, in order. */
  events: RunEvent[];
  /** The services; push onto `sinks` to act on an event while the run goes on. */
  services: RunServices & { sinks: EventSink[] };
}

// Counted for the whole test file, not per harness: runs that share a journal or a memory
// store (a resume, a second run learning from the first) never get the same id.
let idCount = 0;
const countedId = (prefix: string) => `${prefix}_${++idCount}`;

/**
 * The outside world of a run, for a test: a scripted model answering with `replies`, a journal
 * and a memory store on temp files (closed and removed when the test ends; hand in your own to
 * share them between runs), an empty environment, ids `run_1`, `task_2`, … and a sink that
 * records every event. Call it inside a test.
 */
export function scriptedRun(options: {
  replies: ScriptedReply[];
  journal?: Journal;
  memory?: MemoryStore;
}): ScriptedRun {
  const model = new ScriptedModel('session', { replies: options.replies });
  const journal = options.journal ?? openTempJournal();
  const events: RunEvent[] = [];
  return {
    model,
    journal,
    events,
    services: {
      journal,
      env: {},
      memory: options.memory ?? openTempMemoryStore().store,
      createModel: () => model,
      generateId: countedId,
      sinks: [
        (event) => {
          events.push(event);
        },
      ],
    },
  };
}

/** A new folder `<fresh temp folder>/<name>` for a run's product; the run deploys it as `name`. */
export function tempProductDir(name = 'product'): string {
  return join(mkdtempSync(join(tmpdir(), 'loki-run-')), name);
}

/**
 * The prompt of the first call `agent` made, as JSON text (so a line break reads `\n`): what a
 * test searches for what the agent was told. Throws when the agent made no call.
 */
export function promptOf(model: ScriptedModel, agent: string): string {
  const agents = model.calls.map((call) => callContextOf(call.providerOptions).agent);
  const call = model.calls[agents.indexOf(agent)];
  if (!call) {
    throw new Error(
      `no model call came from agent "${agent}"; calls came from ${[...new Set(agents)].join(', ') || 'no agent'}`,
    );
  }
  return JSON.stringify(call.prompt);
}
