import { formatDuration, formatTokensShort, formatUsd } from './format-units.ts';
import { glyphs, type Paint } from './progress-style.ts';
import type { UsageTally } from './run-progress-state.ts';
import type { StageProgress, StageState } from './stage-progress-state.ts';
import type { PlannedTask } from './task-progress-state.ts';
import type { RunEventOf } from './run-event.ts';

/**
 * The words of the progress view, shared by the live frame, the plain log and the summary
 * block, so a stage reads the same wherever a person meets it.
 */

/** `done in 1.2s: 3 lessons`, `failed after 3.0s: … [code]`, `not built yet`, … */
export function stageStatus(stage: StageProgress, now: number): string {
  switch (stage.state) {
    case 'pending':
      return 'pending';
    case 'running':
      return stage.startedAt === null
        ? 'running'
        : `running ${formatDuration(now - stage.startedAt)}`;
    case 'done':
      return withDetail(`done in ${formatDuration(stage.durationMs ?? 0)}`, stage.detail);
    case 'restored':
      return withDetail('restored from checkpoint', stage.detail);
    case 'not-built':
      return 'not built yet';
    case 'skipped':
      return withDetail('skipped', stage.detail);
    case 'not-reached':
      return 'not reached';
    case 'failed': {
      const after = stage.durationMs === null ? '' : ` after ${formatDuration(stage.durationMs)}`;
      const reason = stage.error ? `${stage.error.message} [${stage.error.code}]` : stage.detail;
      return withDetail(`failed${after}`, reason);
    }
  }
}

/** The stage's symbol; a running stage shows `spinnerFrame`, or a still square when frozen. */
export function stageGlyph(state: StageState, paint: Paint, spinnerFrame?: string): string {
  switch (state) {
    case 'running':
      return paint.active(spinnerFrame ?? glyphs.pending);
    case 'done':
      return paint.ok(glyphs.done);
    case 'restored':
      return paint.active(glyphs.done);
    case 'failed':
      return paint.fail(glyphs.failed);
    case 'skipped':
      return paint.warn(glyphs.skipped);
    case 'not-built':
      return paint.dim(glyphs.notBuilt);
    case 'pending':
    case 'not-reached':
      return paint.dim(glyphs.pending);
  }
}

/** One row per task: id, name, role, and what it waits for. */
export function taskRows(tasks: readonly PlannedTask[]): string[][] {
  return tasks.map((task) => [
    task.id,
    task.name,
    task.role,
    task.dependsOn.length === 0 ? '' : `after ${task.dependsOn.join(', ')}`,
  ]);
}

/** `planner call to m (decomposition) retried (attempt 2), waiting 4.0s: 429 Too Many Requests` */
export function retryText(event: RunEventOf<'model-call-retried'>): string {
  return (
    `${event.role} call to ${event.model} (${event.stage}) retried (attempt ${event.attempt}), ` +
    `waiting ${formatDuration(event.delayMs)}: ${event.reason}`
  );
}

/** `coder call to m (execution) failed: Connection refused [model.unreachable]` */
export function callFailedText(event: RunEventOf<'model-call-failed'>): string {
  return (
    `${event.role} call to ${event.model} (${event.stage}) failed: ` +
    `${event.error.message} [${event.error.code}]`
  );
}

/** `budget at 82% of its limit: $4.10 of $5.00` or `time limit reached: 1h 00m of 1h 00m; …` */
export function limitText(event: RunEventOf<'limit-approached' | 'limit-reached'>): string {
  const amounts = {
    budget: formatUsd,
    time: formatDuration,
    size: (lines: number) => `${lines} lines`,
  };
  const amount = amounts[event.limit];
  const usedOfMax = `${amount(event.used)} of ${amount(event.max)}`;
  if (event.type === 'limit-reached') {
    const after =
      event.limit === 'size'
        ? 'no new task starts; the run stops after review and audit'
        : 'the run stops here';
    return `${event.limit} limit reached: ${usedOfMax}; ${after} and can be resumed`;
  }
  const percent = event.max > 0 ? Math.floor((event.used / event.max) * 100) : 100;
  return `${event.limit} at ${percent}% of its limit: ${usedOfMax}`;
}

/**
 * `$0.0873 · 3 calls (1 from journal) · tokens 9.2k in / 4.3k out · 1 retry`, most telling
 * first, as a narrow terminal cuts the end. Calls served from the journal are in the totals
 * (resume restores the cost counters) and named, so nobody thinks they were paid twice.
 */
export function usageText(usage: UsageTally): string {
  const journal = usage.journalCalls > 0 ? ` (${usage.journalCalls} from journal)` : '';
  const parts = [
    formatUsd(usage.costUsd),
    `${plural(usage.calls, 'call')}${journal}`,
    `tokens ${formatTokensShort(usage.inputTokens)} in / ${formatTokensShort(usage.outputTokens)} out`,
  ];
  if (usage.retries > 0) parts.push(plural(usage.retries, 'retry', 'retries'));
  if (usage.failedCalls > 0) parts.push(plural(usage.failedCalls, 'failed call'));
  return parts.join(' · ');
}

/** `1 call`, `2 calls`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function withDetail(head: string, detail: string): string {
  return detail === '' ? head : `${head}: ${detail}`;
}

/** `✓ deployed todo-api v2 (local) at http://127.0.0.1:4100`, or why it was rolled back. */
export function deploymentText(event: RunEventOf<'deployment-finished'>): string {
  const release = event.version === null ? event.project : `${event.project} v${event.version}`;
  if (event.healthy)
    return `${glyphs.done} deployed ${release} (${event.target}) at ${String(event.url)}`;
  const serving = event.url === null ? '' : `; ${event.url} keeps serving the previous release`;
  return `${glyphs.failed} deployment of ${release} (${event.target}) failed: ${String(event.reason)}${serving}`;
}

/** `⚠ todo-api v2 exited with code 1; restart 1 of 3 in 1 s`: what the monitor saw after promotion. */
export function deploymentHealthText(event: RunEventOf<'deployment-health-changed'>): string {
  const glyph = {
    healthy: glyphs.done,
    restarted: glyphs.info,
    unhealthy: glyphs.warning,
    exited: glyphs.warning,
    'rolled-back': glyphs.warning,
    failed: glyphs.failed,
  }[event.change];
  return `${glyph} ${event.project} (${event.target}): ${event.message}`;
}
