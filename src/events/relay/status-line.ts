import { displaySafe } from '../display-safe.ts';
import { formatDuration, formatUsd } from '../format-units.ts';
import type { RunEvent, RunEventType } from '../run-event.ts';

/**
 * The events a person following a run in a chat wants to hear about: where the run is, what
 * went wrong, how it ended. Model calls and tool calls are left out: there are hundreds.
 */
export const statusEventTypes = [
  'run-started',
  'stage-started',
  'stage-finished',
  'stage-restored',
  'stage-skipped',
  'stage-failed',
  'tasks-planned',
  'task-finished',
  'finding-raised',
  'audit-finished',
  'deployment-health-changed',
  'limit-approached',
  'limit-reached',
  'warning-raised',
  'run-finished',
] as const satisfies readonly RunEventType[];

/**
 * One line of plain text for a status event, the same in a chat REPL and a chat webhook;
 * `undefined` for events that are not status (a model call, a tool call) and for findings that
 * block nothing. Text from outside is made safe for one line.
 */
export function statusLine(event: RunEvent): string | undefined {
  const line = describe(event);
  return line === undefined ? undefined : `[${event.runId}] ${displaySafe(line)}`;
}

function describe(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'run-started':
      return `run ${event.resumed ? 'resumed' : 'started'}: ${event.stages.length} stages, output in ${event.outDir}`;
    case 'stage-started':
      return `${event.title} started`;
    case 'stage-finished':
      return `${event.title} done in ${formatDuration(event.durationMs)}: ${event.summary}`;
    case 'stage-restored':
      return `${event.title} restored from checkpoint: ${event.summary}`;
    case 'stage-skipped':
      return `${event.title} skipped: ${event.reason}`;
    case 'stage-failed':
      return `${event.title} failed: ${event.error.message} [${event.error.code}]`;
    case 'tasks-planned':
      return `${event.tasks.length} tasks planned: ${event.tasks.map((task) => task.id).join(', ')}`;
    case 'task-finished':
      return `task ${event.taskId} ${event.status}${event.reason ? ` (${event.reason})` : ''}: ${event.summary}`;
    case 'finding-raised':
      return event.blocking
        ? `blocking ${event.severity} finding from ${event.source}: ${event.title} at ${event.file}:${event.line}`
        : undefined;
    case 'audit-finished':
      return `security audit ${event.passed ? 'passed' : 'failed'}: ${event.findings} findings, ${event.blocking} blocking`;
    case 'deployment-health-changed':
      // A live release that is fine is no news; one that fails after promotion is.
      return event.change === 'healthy' || event.change === 'restarted'
        ? undefined
        : `deployment of ${event.project}: ${event.message}`;
    case 'limit-approached':
      return `${event.limit} limit approached: ${event.used} of ${event.max}`;
    case 'limit-reached':
      return `${event.limit} limit reached: ${event.used} of ${event.max}; the run stops, resumable`;
    case 'warning-raised':
      return `warning: ${event.message}`;
    case 'run-finished': {
      const { summary } = event;
      const reason = summary.stopReason ? ` (${summary.stopReason})` : '';
      return `run ${summary.status}${reason} in ${formatDuration(summary.durationMs)}, ${summary.usage.total.calls} model calls, ${formatUsd(summary.usage.total.costUsd)}; output in ${summary.outDir}`;
    }
    default:
      return undefined;
  }
}
