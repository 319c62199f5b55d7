import { glyphs } from './progress-style.ts';
import type { RunEventOf } from './run-event.ts';
import type { TaskEvent, TaskProgress } from './task-progress-state.ts';
import { shorten, taskStatus, testsText } from './task-text.ts';

/** Longest summary of a finished task in the log: what it built, not how. */
const summaryLength = 100;

/**
 * The plain lines a task event adds to a non-interactive log: a task starting, each test
 * round, a merge that conflicted, and the task's end with its tests, its reason or its
 * summary. Tool calls are too many for a log (and a failed one is the agent's to handle):
 * they add nothing. `tasks` already includes `event`.
 */
export function taskLogLines(
  event: Exclude<TaskEvent, RunEventOf<'tasks-planned'>>,
  tasks: readonly TaskProgress[],
): string[] {
  switch (event.type) {
    case 'task-started':
      return [`${glyphs.started} ${event.taskId} ${event.name} started (${event.role})`];
    case 'tests-ran': {
      const glyph = event.passed ? glyphs.info : glyphs.warning;
      return [`${glyph} ${event.taskId} ${testsText(event)}`];
    }
    case 'merge-finished':
      return mergeLines(event);
    case 'task-finished': {
      const task = tasks.find((candidate) => candidate.id === event.taskId);
      if (!task) return [];
      const status = taskStatus(task, event.at, tasks);
      const summary =
        event.status === 'done' && event.summary !== ''
          ? ` — ${shorten(event.summary, summaryLength)}`
          : '';
      return [`${finishedGlyphs[event.status]} ${task.id} ${task.name} ${status}${summary}`];
    }
    case 'tool-called':
      return [];
  }
}

const finishedGlyphs = { done: glyphs.done, failed: glyphs.failed, skipped: glyphs.skipped };

/** A clean merge says nothing the task's end will not: only a conflict earns its own line. */
function mergeLines(event: RunEventOf<'merge-finished'>): string[] {
  const files = event.conflictedFiles.join(', ');
  if (event.status === 'unresolved') {
    const reason = event.reason ? `: ${shorten(event.reason, summaryLength)}` : '';
    return [`${glyphs.failed} ${event.taskId} merge conflict in ${files} not resolved${reason}`];
  }
  if (event.conflictedFiles.length === 0) return [];
  return [`${glyphs.info} ${event.taskId} merge conflict in ${files} resolved`];
}
