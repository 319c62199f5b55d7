import {
  AgentConversation,
  systemPromptFor,
  taskAgentTools,
  taskPrompt,
  type AgentOutcome,
} from '../../agents/index.ts';
import {
  createCommandRunner,
  listProjectFiles,
  type ProductRepository,
} from '../../workspace/index.ts';
import type { TestCounts } from '../../events/index.ts';
import { withoutHeldOut, type CriteriaBrief } from '../acceptance/product-criteria.ts';
import { stackNotesOf, type StackChoice } from '../../stacks/index.ts';
import type { RunContext } from '../run-context.ts';
import type { Task } from '../task-graph.ts';
import { learnFromFixedFailure } from './learn-from-task.ts';
import { resolveConflict } from './resolve-conflict.ts';
import { checkTaskIntegrity, snapshotWorktree } from './task-integrity.ts';
import { checkTests, mustTest } from './task-tests.ts';
import type { TaskResult } from './task-result.ts';

export interface TaskEnvironment {
  context: RunContext;
  repository: ProductRepository;
  /** Summaries of finished tasks, by id, for the tasks that depend on them. */
  summaries: ReadonlyMap<string, string>;
  constraints: readonly string[];
  /** The product's acceptance criteria the agents see, and the held-out ones they must not. */
  criteria?: CriteriaBrief;
  /** The run's stack, when one is chosen: its conventions go to the agent, its tag to lessons. */
  stack: StackChoice | null;
}

/**
 * One task, start to finish: a worktree from main, a sub-agent that builds it, the
 * orchestrator's own test runs (failures sent back, up to `maxFixRounds`), a commit, and the
 * merge into main (a conflict handed to a resolver). Failures of the task are its result;
 * only a stop of the whole run is thrown.
 */
export async function runTask(
  task: Task,
  environment: TaskEnvironment,
  options: { scope?: readonly string[] } = {},
): Promise<TaskResult> {
  const { context, repository } = environment;
  const { events, config } = context;
  events.emit({ type: 'task-started', taskId: task.id, name: task.name, role: task.role });
  const worktree = await repository.createWorktree(task.id);
  const runner = await createCommandRunner({ root: worktree, sandbox: config.sandbox });
  const conversation = new AgentConversation(
    {
      agentId: `task:${task.id}`,
      modelRole: 'coder',
      stage: 'execution',
      system: systemPromptFor(task.role),
      tools: taskAgentTools,
      budget: { maxSteps: config.agents.maxSteps, maxTokens: config.agents.maxTokens },
    },
    {
      gateway: context.gateway,
      events,
      context: { root: worktree, runner, signal: context.signal },
    },
  );
  let outcome: AgentOutcome = await conversation.send(
    taskPrompt({
      taskId: task.id,
      name: task.name,
      description: task.description,
      acceptanceCriteria: withoutHeldOut(task.acceptanceCriteria, environment.criteria),
      productCriteria: environment.criteria?.visible ?? [],
      dependencies: task.dependsOn.map((id) => ({
        taskId: id,
        summary: environment.summaries.get(id) ?? '',
      })),
      constraints: environment.constraints,
      prd: context.prd.text,
      stackNotes: environment.stack ? stackNotesOf(environment.stack.stack) : null,
      files: await listProjectFiles(worktree),
    }),
  );
  let rounds = 0;
  let tests: TestCounts | null = null;
  let firstFailure: string | undefined;
  /** The worktree when its tests last failed: a later round must fix the code, not the tests. */
  let lastFailure: string | null = null;
  while (outcome.status === 'finished') {
    if (options.scope) await keepInScope(task, worktree, options.scope, environment);
    const integrity = await checkTaskIntegrity(context, task, worktree, repository, lastFailure);
    if (integrity.feedback !== null) {
      rounds++;
      if (rounds > config.agents.maxFixRounds) {
        outcome = {
          status: 'gave-up',
          reason: `its tests are still weakened after ${rounds} rounds:\n${integrity.feedback.slice(0, 1_500)}`,
        };
        break;
      }
      outcome = await conversation.send(integrity.feedback);
      continue;
    }
    const verdict = await checkTests(runner, {
      requireTests: mustTest(task.role),
      signal: context.signal,
    });
    if (verdict.kind === 'no-stack') break;
    rounds++;
    tests = verdict.counts;
    if (tests)
      events.emit({
        type: 'tests-ran',
        taskId: task.id,
        round: rounds,
        passed: verdict.kind === 'passed',
        counts: tests,
        command: verdict.command,
        exitCode: verdict.exitCode,
      });
    if (verdict.kind === 'passed') {
      if (firstFailure !== undefined && outcome.status === 'finished')
        await learnFromFixedFailure(
          context,
          task,
          firstFailure,
          outcome.summary,
          environment.stack,
        );
      break;
    }
    firstFailure ??= verdict.feedback;
    lastFailure = await snapshotWorktree(worktree);
    if (rounds > config.agents.maxFixRounds) {
      outcome = {
        status: 'gave-up',
        reason: `the tests still fail after ${rounds} rounds:\n${verdict.feedback.slice(0, 1_500)}`,
      };
      break;
    }
    outcome = await conversation.send(
      `The orchestrator ran the project's tests after you finished, and they did not pass (round ${rounds} of ${config.agents.maxFixRounds + 1}):\n\n${verdict.feedback}\n\nFix the cause (the code, or a test that is wrong), run the tests yourself, and call finish again.`,
    );
  }
  const usage = conversation.usage;
  const summary = outcome.status === 'finished' ? outcome.summary : '';
  const commit = await repository.commitAll(
    worktree,
    `${task.id}: ${task.name}\n\n${summary || (outcome.status === 'gave-up' ? `Unfinished: ${outcome.reason}` : '')}`,
  );
  const filesChanged = await repository.changedFiles(task.id);
  const base = { taskId: task.id, summary, commit, filesChanged, tests, rounds, ...usage };
  if (outcome.status === 'gave-up') {
    return announceTaskResult(context, {
      ...base,
      status: 'failed',
      reason: outcome.reason,
      mergedAs: null,
      conflictedFiles: [],
    });
  }
  const merge = await repository.mergeTask(task.id, `Merge ${task.id}: ${task.name}`, (files) =>
    resolveConflict({ context, repository, task, files, summary }),
  );
  events.emit({
    type: 'merge-finished',
    taskId: task.id,
    status: merge.status,
    conflictedFiles: merge.status === 'merged' ? merge.conflictedFiles : merge.files,
    reason: merge.status === 'merged' ? null : merge.reason,
  });
  if (merge.status === 'unresolved') {
    return announceTaskResult(context, {
      ...base,
      status: 'failed',
      reason: `its merge conflicted in ${merge.files.join(', ')} and could not be resolved: ${merge.reason}`,
      mergedAs: null,
      conflictedFiles: merge.files,
    });
  }
  await repository.removeWorktree(task.id);
  return announceTaskResult(context, {
    ...base,
    status: 'done',
    reason: null,
    mergedAs: merge.commit,
    conflictedFiles: merge.conflictedFiles,
  });
}

/** Test files may always change: a fix comes with its test. */
const testFile = /(^|\/)(tests?|__tests__|spec)\/|[._-](test|spec)\.[a-z]+$|(^|\/)test_[^/]+\.py$/;

/**
 * A remediation may touch only the files its findings are about (and tests): anything else it
 * changed is put back as main has it, and the run is told.
 */
async function keepInScope(
  task: Task,
  worktree: string,
  scope: readonly string[],
  environment: TaskEnvironment,
): Promise<void> {
  const changed = await environment.repository.changedInWorktree(worktree);
  const outside = changed.filter((file) => !scope.includes(file) && !testFile.test(file));
  if (outside.length === 0) return;
  await environment.repository.restoreFromMain(worktree, outside);
  environment.context.events.emit({
    type: 'warning-raised',
    message: `${task.id} changed files outside its scope (${outside.join(', ')}); they were put back as they were`,
  });
}

/** Tells the run's observers how a task ended (also for tasks restored or skipped). */
export function announceTaskResult(
  context: Pick<RunContext, 'events'>,
  result: TaskResult,
): TaskResult {
  context.events.emit({
    type: 'task-finished',
    taskId: result.taskId,
    status: result.status,
    reason: result.reason,
    summary: result.summary,
    commit: result.commit,
    filesChanged: result.filesChanged.length,
    tests: result.tests,
    rounds: result.rounds,
  });
  return result;
}
