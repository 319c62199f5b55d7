import { errorMessage } from '../../core/index.ts';
import { recordFailureFixed } from '../../memory/index.ts';
import { stackTag, type StackChoice } from '../../stacks/index.ts';
import type { RunContext } from '../run-context.ts';
import type { Task } from '../task-graph.ts';

/** The most of a test failure kept in a lesson: the failing tests, not the whole log. */
const maxFailureChars = 600;

/**
 * What broke, from the orchestrator's feedback on a failed test round: the count and the
 * failing tests with their messages, on one line, without the raw output that follows them
 * or the test command (whose temp paths would make every lesson unique, so none would merge).
 */
export function failureOf(feedback: string): string {
  const failures = feedback
    .split(/\n\s*\nOutput:\n/)[0]!
    .replace(/^`[^`\n]*`:\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return failures.length > maxFailureChars
    ? `${failures.slice(0, maxFailureChars - 1)}…`
    : failures;
}

/**
 * Writes the lesson of a task whose tests failed and then passed: what broke and what the
 * agent did about it, tagged with the task's role and the run's stack, so a later build of something alike is
 * told before it breaks the same way. Learned again, it merges into the same lesson. Memory
 * that cannot be written costs the run its lesson, never the task: the run is told.
 */
export async function learnFromFixedFailure(
  context: Pick<RunContext, 'memory' | 'runId' | 'events'>,
  task: Pick<Task, 'id' | 'name' | 'role'>,
  failureFeedback: string,
  fix: string,
  stack: Pick<StackChoice, 'id'> | null = null,
): Promise<void> {
  try {
    await recordFailureFixed(context.memory, {
      failure: failureOf(failureFeedback),
      fix: fix.trim() || 'the agent changed the code until the tests passed',
      where: `task "${task.name}"`,
      tags: stack ? [task.role, stackTag(stack.id)] : [task.role],
      sourceRun: context.runId,
    });
  } catch (error) {
    context.events.emit({
      type: 'warning-raised',
      message: `${task.id}: the lesson of its fixed test failure could not be stored: ${errorMessage(error)}`,
    });
  }
}
