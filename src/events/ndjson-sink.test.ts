import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parseJson } from '../core/index.ts';
import { EventBus } from './event-bus.ts';
import { createNdjsonSink } from './ndjson-sink.ts';
import { runEventSchema } from './run-event.ts';
import { createManualClock } from './manual-clock.ts';
import { playSampleRun } from './sample-run.ts';

const deliveredEventSchema = z.intersection(
  runEventSchema,
  z.object({ runId: z.string(), at: z.number() }),
);

function collect(stream: PassThrough): () => string {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return () => chunks.join('');
}

describe('createNdjsonSink', () => {
  test('writes one JSON line per event, each parsing back to the event, in order', () => {
    const stdout = new PassThrough();
    const output = collect(stdout);
    const events = playSampleRun(createNdjsonSink(stdout));

    const lines = output().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(events.length);
    const parsed = lines.map((line) => {
      const result = parseJson(line, deliveredEventSchema);
      if (!result.success) throw new Error(result.error);
      return result.value;
    });
    expect(parsed).toEqual(events);
    expect(parsed.at(-1)?.type).toBe('run-finished');
  });

  test('keeps an event with line breaks in its text on one line', () => {
    const stdout = new PassThrough();
    const output = collect(stdout);
    const bus = new EventBus('run_1', createManualClock());
    bus.subscribe(createNdjsonSink(stdout));
    bus.emit({ type: 'warning-raised', message: 'first line\nsecond line\r\n' });

    const text = output();
    expect(text.split('\n')).toHaveLength(2);
    expect(parseJson(text.trimEnd(), deliveredEventSchema)).toMatchObject({
      success: true,
      value: { type: 'warning-raised', message: 'first line\nsecond line\r\n', runId: 'run_1' },
    });
  });
});
