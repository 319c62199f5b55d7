import type { LanguageModelV4Message } from '@ai-sdk/provider';
import { z } from 'zod';
import { LokiError, errorMessage, parseJson } from '../core/index.ts';
import type { EventBus } from '../events/index.ts';
import type { ModelGateway, ModelRole, ToolCall, ToolDefinition } from '../model/index.ts';
import { ToolError, type AgentTool, type ToolContext } from './agent-tool.ts';
import { commandFailed } from './tools/command-tools.ts';

type Message = Exclude<LanguageModelV4Message, { role: 'system' }>;

export interface AgentBudget {
  /** Model calls the agent may make in all. */
  maxSteps: number;
  /** Input plus output tokens the agent may spend in all. */
  maxTokens: number;
}

export interface AgentSpec {
  /** Names the agent in the journal and events, e.g. `task:api-routes`. */
  agentId: string;
  modelRole: ModelRole;
  stage: string;
  system: string;
  tools: readonly AgentTool[];
  budget: AgentBudget;
}

export type AgentOutcome =
  { status: 'finished'; summary: string } | { status: 'gave-up'; reason: string };

export interface AgentUsage {
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

const sameFailureLimit = 3;
const idleReplyLimit = 3;
const shownInEvents = 400;

/**
 * A sub-agent's conversation: the model calls tools until it calls `finish`, within its step
 * and token budgets. The conversation is kept, so the orchestrator can send it back to work
 * (failing tests, a conflict) and the agent carries on with everything it knew.
 */
export class AgentConversation {
  readonly usage: AgentUsage = { steps: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  readonly #messages: Message[] = [];
  readonly #spec: AgentSpec;
  readonly #gateway: ModelGateway;
  readonly #events: EventBus;
  readonly #context: ToolContext;
  readonly #toolsByName: Map<string, AgentTool>;
  readonly #definitions: ToolDefinition[];
  readonly #failures = new Map<string, number>();

  constructor(
    spec: AgentSpec,
    services: { gateway: ModelGateway; events: EventBus; context: ToolContext },
  ) {
    this.#spec = spec;
    this.#gateway = services.gateway;
    this.#events = services.events;
    this.#context = services.context;
    this.#toolsByName = new Map(spec.tools.map((tool) => [tool.name, tool]));
    this.#definitions = spec.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      inputSchema: z.toJSONSchema(tool.inputSchema) as ToolDefinition['inputSchema'],
    }));
  }

  /** Sends a message (the task, or feedback on the last attempt) and works until finished. */
  async send(text: string): Promise<AgentOutcome> {
    this.#messages.push({ role: 'user', content: [{ type: 'text', text }] });
    let idleReplies = 0;
    for (;;) {
      const overBudget = this.#overBudget();
      if (overBudget) return { status: 'gave-up', reason: overBudget };
      const reply = await this.#gateway.generate({
        role: this.#spec.modelRole,
        stage: this.#spec.stage,
        agent: this.#spec.agentId,
        system: this.#spec.system,
        messages: this.#messages,
        tools: this.#definitions,
        toolChoice: 'auto',
      });
      this.usage.steps++;
      this.usage.inputTokens += reply.usage.inputTokens;
      this.usage.outputTokens += reply.usage.outputTokens;
      this.usage.costUsd += reply.costUsd;
      this.#messages.push({
        role: 'assistant',
        content: [
          ...(reply.text ? [{ type: 'text' as const, text: reply.text }] : []),
          ...reply.toolCalls.map((call) => ({
            type: 'tool-call' as const,
            toolCallId: call.toolCallId,
            toolName: call.toolName,
            input: parseToolInput(call.input).value ?? {},
          })),
        ],
      });
      if (reply.toolCalls.length === 0) {
        if (++idleReplies >= idleReplyLimit) {
          return {
            status: 'gave-up',
            reason: `the model stopped calling tools (${idleReplyLimit} replies in a row without one)`,
          };
        }
        this.#messages.push({
          role: 'user',
          content: [
            {
              type: 'text',
              text: 'Carry on with the task using the tools; call finish with a summary when it is done and its tests pass.',
            },
          ],
        });
        continue;
      }
      idleReplies = 0;
      const results = [];
      let outcome: AgentOutcome | undefined;
      for (const call of reply.toolCalls) {
        const result = await this.#runTool(call);
        results.push({
          type: 'tool-result' as const,
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output: { type: 'text' as const, value: result.text },
        });
        outcome ??= result.outcome;
      }
      this.#messages.push({ role: 'tool', content: results });
      if (outcome) return outcome;
    }
  }

  async #runTool(call: ToolCall): Promise<{ text: string; outcome?: AgentOutcome }> {
    const tool = this.#toolsByName.get(call.toolName);
    const report = (ok: boolean, text: string) => {
      this.#events.emit({
        type: 'tool-called',
        agent: this.#spec.agentId,
        tool: call.toolName,
        input: call.input.slice(0, shownInEvents),
        ok,
        output: text.slice(0, shownInEvents),
      });
      return text;
    };
    if (!tool) {
      return {
        text: report(
          false,
          `error: there is no tool "${call.toolName}"; the tools are ${[...this.#toolsByName.keys()].join(', ')}`,
        ),
      };
    }
    const parsed = parseToolInput(call.input);
    const input = parsed.error === undefined ? tool.inputSchema.safeParse(parsed.value) : undefined;
    if (!input?.success) {
      const problem =
        parsed.error ??
        input?.error.issues
          .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
          .join('; ');
      return { text: report(false, `error: invalid input for ${tool.name}: ${problem}`) };
    }
    try {
      const text = await tool.execute(input.data, this.#context);
      if (tool.name === 'finish')
        return { text: report(true, 'finished'), outcome: { status: 'finished', summary: text } };
      if (tool.name === 'run_command') {
        const gaveUp = this.#trackCommand((input.data as { command: string }).command, text);
        if (gaveUp) return { text: report(true, text), outcome: gaveUp };
      }
      return { text: report(true, text) };
    } catch (error) {
      if (
        error instanceof ToolError ||
        (LokiError.isInstance(error) && error.category === 'work-failed')
      ) {
        return { text: report(false, `error: ${errorMessage(error)}`) };
      }
      throw error;
    }
  }

  /** The same command failing three times in a row ends the attempt: the agent is stuck. */
  #trackCommand(command: string, resultText: string): AgentOutcome | undefined {
    const failed = commandFailed(resultText);
    const count = failed ? (this.#failures.get(command) ?? 0) + 1 : 0;
    this.#failures.set(command, count);
    if (count < sameFailureLimit) return undefined;
    const tail = resultText.split('\n').slice(-15).join('\n');
    return {
      status: 'gave-up',
      reason: `the command \`${command}\` failed ${count} times in a row; last output:\n${tail}`,
    };
  }

  #overBudget(): string | undefined {
    const { maxSteps, maxTokens } = this.#spec.budget;
    if (this.usage.steps >= maxSteps)
      return `the agent used its ${maxSteps} steps without finishing`;
    const tokens = this.usage.inputTokens + this.usage.outputTokens;
    if (tokens >= maxTokens)
      return `the agent used ${tokens} tokens, over its budget of ${maxTokens}, without finishing`;
    return undefined;
  }
}

function parseToolInput(text: string): { value?: unknown; error?: string } {
  const parsed = parseJson(text.trim() === '' ? '{}' : text, z.unknown(), { repair: true });
  return parsed.success ? { value: parsed.value } : { error: parsed.error };
}
