import { AgentConversation, resolverSystemPrompt, taskAgentTools } from '../../agents/index.ts';
import {
  createCommandRunner,
  type ConflictResolution,
  type ProductRepository,
} from '../../workspace/index.ts';
import type { RunContext } from '../run-context.ts';
import type { Task } from '../task-graph.ts';
import { checkTests } from './task-tests.ts';

const resolverRounds = 2;

/**
 * Resolves a conflicted merge in main's worktree with a resolver agent, then runs the tests
 * there: the resolution counts only when they pass (or the project has none yet).
 */
export async function resolveConflict(input: {
  context: RunContext;
  repository: ProductRepository;
  task: Task;
  files: string[];
  summary: string;
}): Promise<ConflictResolution> {
  const { context, repository, task, files } = input;
  const runner = await createCommandRunner({
    root: repository.root,
    sandbox: context.config.sandbox,
  });
  const conversation = new AgentConversation(
    {
      agentId: `resolver:${task.id}`,
      modelRole: 'coder',
      stage: 'execution',
      system: resolverSystemPrompt,
      tools: taskAgentTools,
      budget: {
        maxSteps: context.config.agents.maxSteps,
        maxTokens: context.config.agents.maxTokens,
      },
    },
    {
      gateway: context.gateway,
      events: context.events,
      context: { root: repository.root, runner, signal: context.signal },
    },
  );
  let outcome = await conversation.send(
    `Merging task ${task.id} ("${task.name}") into main conflicted in:\n${files.map((file) => `- ${file}`).join('\n')}\n\n` +
      `What task ${task.id} built, in its own words: ${input.summary || '(no summary)'}\n\n` +
      'Read each conflicted file, combine both sides so that both tasks keep working, remove every conflict marker, run the tests, and call finish.',
  );
  for (let round = 1; outcome.status === 'finished'; round++) {
    const verdict = await checkTests(runner, { requireTests: false, signal: context.signal });
    if (verdict.kind !== 'failed') return { resolved: true };
    if (round > resolverRounds)
      return {
        resolved: false,
        reason: `the tests fail after the resolution:\n${verdict.feedback.slice(0, 1_000)}`,
      };
    outcome = await conversation.send(
      `The tests fail after your resolution:\n\n${verdict.feedback}\n\nFix it and call finish again.`,
    );
  }
  return { resolved: false, reason: outcome.reason };
}
