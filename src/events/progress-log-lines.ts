import { alignColumns } from './format-units.ts';
import { glyphs } from './progress-style.ts';
import {
  callFailedText,
  deploymentHealthText,
  deploymentText,
  limitText,
  plural,
  retryText,
  stageStatus,
  taskRows,
} from './progress-text.ts';
import type { RunProgress } from './run-progress-state.ts';
import type { RunEvent, RunEventOf } from './run-event.ts';
import { taskLogLines } from './task-log-lines.ts';

type StageEnd = 'stage-finished' | 'stage-restored' | 'stage-skipped' | 'stage-failed';

/**
 * The plain lines one event adds to a non-interactive log (CI, pipes): no colour, no cursor
 * movement, nothing for events a reader would not miss (model calls starting and finishing
 * are summed in the footer and the summary instead, tool calls are too many to list).
 * `progress` already includes `event`.
 */
export function logLines(event: RunEvent, progress: RunProgress): string[] {
  switch (event.type) {
    case 'run-started': {
      const notBuilt = event.stages.filter((stage) => !stage.built).map((stage) => stage.title);
      const stages = plural(event.stages.length, 'stage');
      const notBuiltText =
        notBuilt.length > 0 ? `, ${notBuilt.length} not built yet (${notBuilt.join(', ')})` : '';
      const verb = event.resumed ? 'resumed' : 'started';
      return [
        `${glyphs.run} Run ${event.runId} ${verb}: ${stages}${notBuiltText}; output in ${event.outDir}`,
      ];
    }
    case 'stage-started':
      return [`${glyphs.started} ${event.title} started`];
    case 'stage-finished':
    case 'stage-restored':
      return [stageLine(progress, event, glyphs.done)];
    case 'stage-skipped':
      return [stageLine(progress, event, glyphs.skipped)];
    case 'stage-failed':
      return [stageLine(progress, event, glyphs.failed)];
    case 'tasks-planned':
      return [
        `${glyphs.info} ${plural(event.tasks.length, 'task')} planned:`,
        ...alignColumns(taskRows(event.tasks).map(([id = '', ...rest]) => [`  ${id}`, ...rest])),
      ];
    case 'task-started':
    case 'tests-ran':
    case 'merge-finished':
    case 'task-finished':
    case 'tool-called':
      return taskLogLines(event, progress.tasks);
    case 'model-call-retried':
      return [`${glyphs.info} ${retryText(event)}`];
    case 'model-call-failed':
      return [`${glyphs.failed} ${callFailedText(event)}`];
    case 'limit-approached':
      return [`${glyphs.warning} ${limitText(event)}`];
    case 'limit-reached':
      return [`${glyphs.failed} ${limitText(event)}`];
    case 'warning-raised':
      return [`${glyphs.warning} ${event.message}`];
    case 'stack-chosen':
      return [`${glyphs.info} stack: ${event.reason}`];
    case 'finding-raised':
      // Only what fails a gate gets a line of its own; the rest is in the reports.
      return event.blocking
        ? [
            `${glyphs.failed} ${event.severity} ${event.source}: ${event.title} at ${event.file}:${event.line}`,
          ]
        : [];
    case 'audit-finished':
      return [
        `${event.passed ? glyphs.done : glyphs.failed} security audit ${event.passed ? 'passed' : 'failed'}: ${plural(event.findings, 'finding')} (${event.blocking} blocking) in ${plural(event.filesScanned, 'file')}`,
      ];
    case 'gates-measured':
      return [
        `${event.passed ? glyphs.done : glyphs.failed} quality gates ${event.passed ? 'passed' : 'failed'}: ${event.gates.map((gate) => `${gate.gate} ${gate.passed ? '✓' : '✗'} ${gate.measured}`).join(', ')}`,
      ];
    case 'deployment-finished':
      return [deploymentText(event)];
    case 'deployment-health-changed':
      return [deploymentHealthText(event)];
    case 'acceptance-checked': {
      const failed = event.checks.find((check) => !check.passed);
      const why = failed
        ? ` (${failed.subject}: expected ${failed.expected}; got ${failed.observed.split('\n')[0] ?? ''})`
        : '';
      return [
        `${event.passed ? glyphs.done : glyphs.failed} acceptance ${event.criterionId}${event.heldOut ? ' (held out)' : ''} ${event.passed ? 'met' : 'not met'}: ${event.criterion}${why}`,
      ];
    }
    case 'debate-finished':
      return [
        `${glyphs.info} memory conflict ${event.findingId} (lesson ${event.lessonId}): ${event.decision} by the ${event.decidedBy}: ${event.justification}`,
      ];
    case 'repository-opened':
    case 'model-call-started':
    case 'model-call-finished':
    case 'run-finished':
      return [];
  }
}

function stageLine(progress: RunProgress, event: RunEventOf<StageEnd>, glyph: string): string {
  const stage = progress.stages.find((candidate) => candidate.stage === event.stage);
  return `${glyph} ${event.title} ${stage ? stageStatus(stage, event.at) : event.type}`;
}
