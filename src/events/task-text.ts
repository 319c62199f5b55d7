import { displaySafe } from './display-safe.ts';
import { formatDuration } from './format-units.ts';
import { glyphs, type Paint } from './progress-style.ts';
import { stageGlyph } from './progress-text.ts';
import type { TaskProgress, TaskState, TestRound, ToolCall } from './task-progress-state.ts';

/**
 * The words for tasks, shared by the live frame, the plain log and the summary block, so a
 * task reads the same wherever a person meets it.
 */

/** Longest reason shown: a failed task's reason can carry a whole test report. */
const reasonLength = 160;
/** Longest tool input shown: a command or a path, not a file's content. */
const toolInputLength = 48;

/**
 * `running 12.3s · round 1: 3 of 12 failing`, `done in 42.0s · tests 12/12 passed, 84% coverage`,
 * `failed after 1m 05s · round 3: 2 of 9 failing: the tests still fail…`, `waiting for t1, t2`.
 * `tasks` is the whole plan: a pending task names the ones it still waits for.
 */
export function taskStatus(
  task: TaskProgress,
  now: number,
  tasks: readonly TaskProgress[],
): string {
  switch (task.state) {
    case 'pending': {
      const unfinished = new Set(
        tasks.filter((other) => other.state !== 'done').map(({ id }) => id),
      );
      const waitingFor = task.dependsOn.filter((id) => unfinished.has(id));
      return waitingFor.length > 0 ? `waiting for ${waitingFor.join(', ')}` : 'pending';
    }
    case 'running': {
      const head =
        task.startedAt === null ? 'running' : `running ${formatDuration(now - task.startedAt)}`;
      return withFacts(head, task);
    }
    case 'done':
      return withFacts(timed(task, 'done', 'in'), task);
    case 'failed':
      return withReason(withFacts(timed(task, 'failed', 'after'), task), task.reason);
    case 'skipped':
      return withReason('skipped', task.reason);
    case 'stopped':
      return withFacts(timed(task, 'stopped', 'after'), task);
    case 'not-reached':
      return 'not started';
  }
}

/** The task's symbol: a spinner while it runs (a still square once frozen), like a stage's. */
export function taskGlyph(state: TaskState, paint: Paint, spinnerFrame?: string): string {
  if (state === 'stopped') return paint.warn(glyphs.warning);
  return stageGlyph(state, paint, spinnerFrame);
}

/**
 * `tests 12/12 passed, 84% coverage`, `tests 12/12 passed in round 2`, `round 2: 3 of 12
 * failing`: a passing round counts, a failing one says which round failed and how.
 */
export function testsText({ round, passed, counts }: TestRound): string {
  if (!passed) {
    if (counts.total === 0) return `round ${round}: no test ran`;
    // Every test passed but the run did not (a crash after the tests, a coverage threshold).
    if (counts.failed === 0) return `round ${round}: the test command failed`;
    return `round ${round}: ${counts.failed} of ${counts.total} failing`;
  }
  if (counts.total === 0) return 'no tests to run';
  const parts = [
    `tests ${counts.passed}/${counts.total} passed${round > 1 ? ` in round ${round}` : ''}`,
  ];
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  if (counts.coveragePercent !== null) {
    parts.push(`${Math.floor(counts.coveragePercent)}% coverage`);
  }
  return parts.join(', ');
}

/**
 * `run_command npm test`, `write_file src/app.ts`, `resolver: edit_file src/app.ts (failed)`:
 * the tool and the one input field that says what it works on. The input is JSON, already cut
 * short by the emitter, so it is searched rather than parsed.
 */
export function toolCallText(call: ToolCall): string {
  const kind = call.agent.slice(0, Math.max(0, call.agent.indexOf(':')));
  const subject = shorten(toolSubject(call.input), toolInputLength);
  return [
    kind === 'task' || kind === '' ? '' : `${kind}: `,
    call.tool,
    subject === '' ? '' : ` ${subject}`,
    call.ok ? '' : ' (failed)',
  ].join('');
}

/** `3/5 done, 1 running, 1 failed`: done out of all, then those running or ended otherwise. */
export function taskCounts(tasks: readonly TaskProgress[]): string {
  const count = (state: TaskState) => tasks.filter((task) => task.state === state).length;
  const others = (['running', 'failed', 'skipped', 'stopped'] as const)
    .filter((state) => count(state) > 0)
    .map((state) => `, ${count(state)} ${state}`);
  return `${count('done')}/${tasks.length} done${others.join('')}`;
}

/** `text` on one line of at most `max` characters, ending with `…` when cut. */
export function shorten(text: string, max: number): string {
  // Line breaks became spaces on the way in (displaySafe); indentation around them goes too.
  const characters = [...text.replace(/\s+/g, ' ').trim()];
  if (characters.length <= max) return characters.join('');
  const kept = characters.slice(0, max - 1).join('');
  return `${kept.trimEnd()}…`;
}

/** `done in 42.0s`, or `done` alone for a task we never saw start. */
function timed(task: TaskProgress, state: string, preposition: string): string {
  if (task.durationMs === null) return state;
  return `${state} ${preposition} ${formatDuration(task.durationMs)}`;
}

function withFacts(head: string, task: TaskProgress): string {
  const facts = [head];
  if (task.tests) facts.push(testsText(task.tests));
  if (task.resolvedConflicts.length > 0) {
    facts.push(`conflict in ${task.resolvedConflicts.join(', ')} resolved`);
  }
  return facts.join(' · ');
}

function withReason(head: string, reason: string | null): string {
  return reason ? `${head}: ${shorten(reason, reasonLength)}` : head;
}

/** The fields that name what a tool works on, most telling first. */
const subjectFields = ['command', 'pattern', 'path'];

function toolSubject(input: string): string {
  for (const field of [...subjectFields, '[^"]+']) {
    // A JSON string value, possibly cut short by the emitter before its closing quote.
    const match = new RegExp(`"${field}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)(")?`).exec(input);
    if (match?.[1] !== undefined) {
      // Decoding brings back the line breaks and escapes the event carried as `\n`, `\u001b`.
      return displaySafe(unescapeJson(match[1])) + (match[2] === undefined ? '…' : '');
    }
  }
  return '';
}

function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}
