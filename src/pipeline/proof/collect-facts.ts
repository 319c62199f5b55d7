import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Journal, JournalEvent } from '../../journal/index.ts';
import { runEventSchema, type RunEvent } from '../../events/index.ts';
import { git } from '../../workspace/index.ts';
import type { ProofFacts } from './proof-schema.ts';

/** Reviewers whose findings are the model's judgement; every other source is an analyzer. */
const opinionSources = new Set(['security', 'performance', 'architecture', 'reviewer']);

type Cited<T extends RunEvent['type']> = { event: Extract<RunEvent, { type: T }>; cite: string };

/** The facts of a run, read from its journal and its product's git repository. */
export async function collectFacts(
  journal: Journal,
  runId: string,
): Promise<{ facts: ProofFacts; opinions: Cited<'finding-raised'>[] }> {
  const run = journal.getRun(runId);
  if (!run) throw new Error(`no run ${runId} in ${journal.path}`);
  const events = journal.listEvents(runId).flatMap(parse);
  const ofType = <T extends RunEvent['type']>(type: T): Cited<T>[] =>
    events.filter((entry): entry is Cited<T> => entry.event.type === type);
  const started = ofType('run-started').map((entry) => entry.cite);
  const findings = ofType('finding-raised');
  const gates = ofType('gates-measured').at(-1);
  const audit = ofType('audit-finished').at(-1);
  const deployed = events.filter((entry) => entry.event.type.startsWith('deployment-')).at(-1);
  const calls = journal.listModelCalls(runId);
  const usage = journal.usageTotals(runId).total;
  const facts: ProofFacts = {
    run: { runId, status: run.status, stopReason: run.stopReason, cites: [`run:${runId}`] },
    prd: { sha256: sha256(run.prd), cites: [`run:${runId}`, ...started.slice(0, 1)] },
    repository: await repositoryFacts(run.outDir, ofType('repository-opened')[0]),
    commands: ofType('tests-ran').map(({ event, cite }) => ({
      kind: 'test' as const,
      taskId: event.taskId,
      round: event.round,
      command: event.command ?? '',
      exitCode: event.exitCode ?? (event.passed ? 0 : null),
      passed: event.counts.passed,
      failed: event.counts.failed,
      total: event.counts.total,
      coveragePercent: event.counts.coveragePercent,
      cites: [cite],
    })),
    gates: gates
      ? {
          commit: gates.event.commit,
          passed: gates.event.passed,
          gates: gates.event.gates,
          cites: [gates.cite],
        }
      : null,
    audit: audit
      ? {
          passed: audit.event.passed,
          findings: audit.event.findings,
          blocking: audit.event.blocking,
          cites: [audit.cite],
        }
      : null,
    deployment: deployed
      ? { healthy: healthyOf(deployed.event), detail: deployed.event, cites: [deployed.cite] }
      : null,
    acceptance: acceptanceFacts(ofType('acceptance-checked')),
    analyzerFindings: findings
      .filter(({ event }) => !opinionSources.has(event.source))
      .map(({ event, cite }) => ({
        source: event.source,
        severity: event.severity,
        file: event.file,
        line: event.line,
        title: event.title,
        blocking: event.blocking,
        cites: [cite],
      })),
    usage: { ...usage, cites: calls.map((call) => `model-call:${call.seq}`) },
  };
  return { facts, opinions: findings.filter(({ event }) => opinionSources.has(event.source)) };
}

/** Each criterion's verdict in the last run of the checks that judged it. */
function acceptanceFacts(checked: Cited<'acceptance-checked'>[]): ProofFacts['acceptance'] {
  if (checked.length === 0) return null;
  const last = new Map<string, Cited<'acceptance-checked'>>();
  for (const entry of checked) {
    const before = last.get(entry.event.criterionId);
    if (!before || entry.event.round >= before.event.round)
      last.set(entry.event.criterionId, entry);
  }
  return {
    criteria: [...last.values()].map(({ event, cite }) => ({
      id: event.criterionId,
      text: event.criterion,
      heldOut: event.heldOut,
      passed: event.passed,
      round: event.round,
      checks: event.checks.map(({ kind, subject, passed, observed }) => ({
        kind,
        subject,
        passed,
        observed,
      })),
      cites: [cite],
    })),
  };
}

function parse(row: JournalEvent): { event: RunEvent; cite: string }[] {
  const parsed = runEventSchema.safeParse({ ...(row.data as object), type: row.type });
  if (!parsed.success) return [];
  const event: RunEvent = { ...parsed.data, runId: row.runId, at: row.at };
  return [{ event, cite: `event:${row.seq}` }];
}

/** A deployment event counts as healthy only when it says so. */
function healthyOf(event: RunEvent): boolean {
  const data = event as { healthy?: unknown; health?: { ok?: unknown }; status?: unknown };
  return data.healthy === true || data.health?.ok === true || data.status === 'live';
}

async function repositoryFacts(
  root: string,
  opened: Cited<'repository-opened'> | undefined,
): Promise<ProofFacts['repository']> {
  if (!opened || !existsSync(join(root, '.git'))) return null;
  const branch = 'main';
  const head = (await git(root, ['rev-parse', branch])).stdout.trim();
  return {
    root,
    branch,
    base: opened.event.base,
    head,
    diffSha256: await diffHash(root, opened.event.base, head),
    cites: [opened.cite],
  };
}

/** sha256 of the binary diff between two commits: the change, independent of how it is stored. */
export async function diffHash(root: string, base: string, head: string): Promise<string> {
  const { stdout } = await git(root, [
    'diff',
    '--binary',
    '--no-color',
    '--no-ext-diff',
    base,
    head,
  ]);
  return sha256(stdout);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
