import { alignColumns } from './format-units.ts';
import { glyphs, type Paint } from './progress-style.ts';
import type { TaskProgress, TaskState } from './task-progress-state.ts';
import { shorten, taskGlyph, taskStatus, toolCallText } from './task-text.ts';

/** What the task list of a frame depends on besides the tasks. */
export interface TaskLinesOptions {
  now: number;
  paint: Paint;
  spinnerFrame?: string;
}

/** Longest task name in the frame: the status after it says more. */
const nameLength = 40;

/**
 * Which tasks stay on screen when not all fit: what is moving and what went wrong before what
 * waits, and what waits before what is over (the footer still counts those).
 */
const keptFirst: Record<TaskState, number> = {
  running: 0,
  failed: 1,
  stopped: 1,
  pending: 2,
  'not-reached': 2,
  skipped: 3,
  done: 4,
};

/**
 * The frame's task list in at most `room` lines: a heading, one line per task in plan order
 * with its state, and under each running task what its agent is doing now. When the list is
 * too long, running and failed tasks stay, and one line counts the tasks left out.
 */
export function taskLines(
  tasks: readonly TaskProgress[],
  room: number,
  options: TaskLinesOptions,
): string[] {
  if (tasks.length === 0 || room < 2) return [];
  const { now, paint } = options;
  const rows = alignColumns(
    tasks.map((task) => [
      `    ${taskGlyph(task.state, paint, options.spinnerFrame)} ${task.id}`,
      shorten(task.name, nameLength),
      paintStatus(task.state, taskStatus(task, now, tasks), paint),
    ]),
  );
  const activity = tasks.map((task) =>
    task.latestTool ? paint.dim(`      ${glyphs.activity} ${toolCallText(task.latestTool)}`) : null,
  );
  const heading = paint.bold(`  Tasks (${tasks.length})`);
  const { kept, active } = fitTasks(tasks, activity.map(Boolean), room - 1);
  const lines = tasks.flatMap((_, index) => {
    if (!kept.has(index)) return [];
    const line = active.has(index) ? activity[index] : null;
    return line ? [rows[index] ?? '', line] : [rows[index] ?? ''];
  });
  const hidden = tasks.filter((_, index) => !kept.has(index));
  if (hidden.length === 0) return [heading, ...lines];
  return [heading, ...lines, paint.dim(`    … ${hidden.length} more: ${stateCounts(hidden)}`)];
}

/**
 * Which tasks keep their line, and which running ones the line of their activity, in `room`
 * lines (one of them for the count of the rest when some are left out). The lines of running
 * and failed tasks come first, then what the running agents are doing (it says more than a
 * task that waits), then the other tasks while room is left.
 */
function fitTasks(
  tasks: readonly TaskProgress[],
  hasActivity: readonly boolean[],
  room: number,
): { kept: Set<number>; active: Set<number> } {
  const ranked = tasks
    .map((task, index) => ({ index, rank: keptFirst[task.state] }))
    .sort((left, right) => left.rank - right.rank || left.index - right.index);
  const order = ranked.map(({ index }) => index);
  const kept = new Set<number>();
  const active = new Set<number>();
  const allRowsFit = tasks.length <= room;
  let budget = allRowsFit ? room : room - 1;
  const take = (chosen: Set<number>, indexes: readonly number[]): void => {
    for (const index of indexes.slice(0, Math.max(0, budget))) chosen.add(index);
    budget -= Math.min(budget, indexes.length);
  };
  const urgent = ranked.filter(({ rank }) => rank <= keptFirst.failed).map(({ index }) => index);
  take(kept, allRowsFit ? order : urgent);
  const keptWithActivity = order.filter((index) => kept.has(index) && hasActivity[index]);
  take(active, keptWithActivity);
  const others = order.filter((index) => !kept.has(index));
  take(kept, others);
  return { kept, active };
}

/** `5 done, 2 pending`, in the order tasks are kept. */
function stateCounts(tasks: readonly TaskProgress[]): string {
  const counts = new Map<TaskState, number>();
  for (const task of [...tasks].sort(
    (left, right) => keptFirst[left.state] - keptFirst[right.state],
  )) {
    counts.set(task.state, (counts.get(task.state) ?? 0) + 1);
  }
  return [...counts]
    .map(([state, count]) => `${count} ${state === 'not-reached' ? 'not started' : state}`)
    .join(', ');
}

function paintStatus(state: TaskState, text: string, paint: Paint): string {
  if (state === 'failed') return paint.fail(text);
  if (state === 'running') return paint.active(text);
  if (state === 'stopped') return paint.warn(text);
  if (state === 'done') return text;
  return paint.dim(text);
}
