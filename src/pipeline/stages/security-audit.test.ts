import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventBus, createJournalSink, type RunEvent } from '../../events/index.ts';
import { auditReportSchema } from '../../guard/index.ts';
import { writeTree } from '../../guard/test-support.ts';
import { createTestRun, openTempJournal } from '../../journal/test-support.ts';
import { parsePrd } from '../prd.ts';
import type { RunContext } from '../run-context.ts';
import { runStages } from '../run-stages.ts';
import { defineStage } from '../stage.ts';
import { sarifPathOf, securityAuditStage } from './security-audit.ts';

const clock = { now: () => 1_000 };

/** A deployment that records that it ran: what a failed gate must keep from running. */
const deployment = defineStage<{ deployed: boolean }>({
  name: 'deployment',
  title: 'Deployment',
  outputSchema: z.object({ deployed: z.boolean() }),
  run: () => Promise.resolve({ deployed: true }),
  summarize: () => 'deployed',
  store: (state) => state,
});

/** A run context on a real journal, for the stages that need no model. */
function contextFor(outDir: string): { context: RunContext; events: RunEvent[] } {
  const journal = openTempJournal();
  createTestRun(journal, 'run_1');
  const bus = new EventBus('run_1', clock);
  const sink = createJournalSink(journal);
  const events: RunEvent[] = [];
  bus.subscribe((event) => {
    events.push(event);
    sink.sink(event);
    sink.flush();
  });
  const context = {
    runId: 'run_1',
    prd: parsePrd('# Todo API\nTodos.', null),
    outDir,
    journal,
    events: bus,
    signal: new AbortController().signal,
    clock,
    config: {},
    gateway: {},
  } as unknown as RunContext;
  return { context, events };
}

describe('the security-audit stage', () => {
  it('checkpoints a passing report and lets deployment run', async () => {
    const outDir = writeTree({ 'src/app.js': 'export const ok = true;\n' });
    const { context } = contextFor(outDir);
    const { outcomes, error } = await runStages(context, [securityAuditStage, deployment]);
    expect(error).toBeNull();
    const sarifPath = sarifPathOf(context);
    expect(outcomes.map((outcome) => [outcome.stage, outcome.outcome, outcome.summary])).toEqual([
      ['security-audit', 'done', `0 findings, audit passed (SARIF: ${sarifPath})`],
      ['deployment', 'done', 'deployed'],
    ]);
    const checkpoint = context.journal.getCheckpoint('run_1', 'security-audit');
    expect(auditReportSchema.parse(checkpoint?.output)).toMatchObject({
      passed: true,
      filesScanned: 1,
    });
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as {
      version: string;
      runs: unknown[];
    };
    expect(sarif).toMatchObject({
      version: '2.1.0',
      runs: [expect.objectContaining({ results: [] })],
    });
  });

  it('fails the run with guard.audit-failed, saves no checkpoint, and blocks deployment', async () => {
    const outDir = writeTree({ 'src/app.js': 'const role = "user\u202E";\n' });
    const { context } = contextFor(outDir);
    const { outcomes, error } = await runStages(context, [securityAuditStage, deployment]);
    expect(error).toMatchObject({ code: 'guard.audit-failed', category: 'work-failed' });
    expect(error!.message).toContain('high unicode.bidi-control at src/app.js:1:19');
    expect(outcomes.map((outcome) => [outcome.stage, outcome.outcome])).toEqual([
      ['security-audit', 'failed'],
      ['deployment', 'not-reached'],
    ]);
    expect(context.journal.getCheckpoint('run_1', 'security-audit')).toBeUndefined();
    const failed = context.journal
      .listEvents('run_1')
      .find((event) => event.type === 'stage-failed');
    expect(JSON.stringify(failed?.data)).toContain('"ruleId":"unicode.bidi-control"');
  });

  it('audits again on resume, so a fix lets the run go on', async () => {
    const outDir = writeTree({ 'src/app.js': 'const role = "user\u202E";\n' });
    const { context } = contextFor(outDir);
    expect((await runStages(context, [securityAuditStage, deployment])).error).not.toBeNull();
    writeFileSync(join(outDir, 'src/app.js'), 'const role = "user";\n');
    const resumed = await runStages(context, [securityAuditStage, deployment]);
    expect(resumed.error).toBeNull();
    expect(resumed.outcomes.map((outcome) => outcome.outcome)).toEqual(['done', 'done']);
  });

  it('passes with a warning when nothing has been built to audit', async () => {
    const { context, events } = contextFor('/nonexistent/loki-product');
    const { outcomes } = await runStages(context, [securityAuditStage]);
    expect(outcomes[0]).toMatchObject({
      outcome: 'done',
      summary: `0 findings, audit passed (SARIF: ${sarifPathOf(context)})`,
    });
    expect(
      events.some(
        (event) => event.type === 'warning-raised' && event.message.includes('nothing to audit'),
      ),
    ).toBe(true);
  });

  it('warns about findings below the failing level', async () => {
    const outDir = writeTree({ 'src/app.js': 'element.innerHTML = comment;\n' });
    const { context, events } = contextFor(outDir);
    const { outcomes } = await runStages(context, [securityAuditStage]);
    expect(outcomes[0]).toMatchObject({
      outcome: 'done',
      summary: `1 findings, audit passed (SARIF: ${sarifPathOf(context)})`,
    });
    const warning = events.find((event) => event.type === 'warning-raised');
    expect(warning).toMatchObject({
      message: expect.stringContaining('high injection.html-sink at src/app.js:1'),
    });
  });
});
