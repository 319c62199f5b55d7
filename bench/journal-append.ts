// How fast the journal appends events to a real file: once per event (one commit each), and in
// batches (`appendEvents`, one commit per batch). Run: `node bench/journal-append.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus, createJournalSink, type RunEventBody } from '../src/events/index.ts';
import { Journal, type NewEvent } from '../src/journal/index.ts';
import { formatBenchResult, isMain, type BenchResult } from './bench-result.ts';

const eventCount = 100_000;
const batchSize = 100;
/** The journal's promise: it sustains this many appended events per second, batched. */
const sustainedTarget = 20_000;
/**
 * One commit per event costs a WAL write and its file locks, about 50 µs here: near 20 000/s at
 * best, half that on a busy machine, so a burst must be batched. This floor still catches the
 * regression that matters, an fsync per commit (`synchronous = FULL` measured ~3 000/s).
 */
const singleCommitFloor = 5_000;
const runId = 'run_20261126-230622_4f1c9a';

/** A `model-call-finished` event shaped like the real ones, about 300 bytes of JSON data. */
function realisticEvent(index: number): NewEvent {
  return {
    runId,
    type: 'model-call-finished',
    at: 1_764_198_382_000 + index,
    data: {
      type: 'model-call-finished',
      callId: `call_${String(index).padStart(6, '0')}`,
      stage: 'execution',
      agent: `coder-task-${index % 7}`,
      role: 'coder',
      model: 'anthropic/claude-sonnet-4-5',
      inputTokens: 12_000 + (index % 5_000),
      outputTokens: 800 + (index % 1_200),
      costUsd: 0.0123,
      latencyMs: 2_000 + (index % 3_000),
      fromJournal: false,
    },
  };
}

/** Appends `events` to a fresh journal file with `append` and returns events per second. */
function measure(events: NewEvent[], append: (journal: Journal, events: NewEvent[]) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'loki-bench-journal-'));
  try {
    using journal = Journal.open(join(dir, 'journal.db'));
    journal.createRun({
      runId,
      prd: '# Todo API',
      prdPath: null,
      outDir: dir,
      settings: {},
      createdAt: Date.now(),
    });
    const started = performance.now();
    append(journal, events);
    const seconds = (performance.now() - started) / 1_000;
    return events.length / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Measures event appends to a journal on a real file: batched, against the journal's promise
 * of 20 000 events per second, and one commit per event, against a floor that catches an fsync
 * per commit. Each mode starts from a fresh file.
 */
export async function benchJournalAppend(): Promise<BenchResult[]> {
  const events = Array.from({ length: eventCount }, (_, index) => realisticEvent(index));
  const modes: [string, number, (journal: Journal, events: NewEvent[]) => void][] = [
    [
      'journal event append, one commit each',
      singleCommitFloor,
      (journal, all) => {
        for (const event of all) journal.appendEvent(event);
      },
    ],
    [
      `journal event append, batches of ${batchSize}`,
      sustainedTarget,
      (journal, all) => {
        for (let start = 0; start < all.length; start += batchSize) {
          journal.appendEvents(all.slice(start, start + batchSize));
        }
      },
    ],
  ];
  const results: BenchResult[] = [];
  for (const [name, target, append] of modes) {
    const value = Math.round(measure(events, append));
    results.push({
      name,
      value,
      unit: 'events/s',
      target: `>= ${target.toLocaleString('en-US')} events/s`,
      ok: value >= target,
    });
    // Yield between modes so a runner's own timers and output are not starved.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const throughSink = Math.round(await measureThroughSink(events));
  results.push({
    name: `journal event append, the run's path (event bus -> journal sink, ${batchSize} events a tick)`,
    value: throughSink,
    unit: 'events/s',
    target: `>= ${sustainedTarget.toLocaleString('en-US')} events/s`,
    ok: throughSink >= sustainedTarget,
  });
  return results;
}

/**
 * Events emitted as a run emits them: through the event bus into the journal sink, which
 * commits each tick's burst in one transaction. Counts until the last event is on disk.
 */
async function measureThroughSink(events: NewEvent[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'loki-bench-journal-'));
  try {
    using journal = Journal.open(join(dir, 'journal.db'));
    journal.createRun({
      runId,
      prd: '# Todo API',
      prdPath: null,
      outDir: dir,
      settings: {},
      createdAt: Date.now(),
    });
    const bus = new EventBus(runId, { now: Date.now });
    const sink = createJournalSink(journal);
    bus.subscribe(sink.sink);
    const started = performance.now();
    for (let start = 0; start < events.length; start += batchSize) {
      for (const event of events.slice(start, start + batchSize))
        bus.emit(event.data as RunEventBody);
      await new Promise((resolve) => setImmediate(resolve));
    }
    sink.flush();
    const seconds = (performance.now() - started) / 1_000;
    if (journal.listEvents(runId).length !== events.length) throw new Error('events were lost');
    return events.length / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  for (const result of await benchJournalAppend()) console.log(formatBenchResult(result));
}
