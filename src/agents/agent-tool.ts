import type { z } from 'zod';
import type { CommandRunner } from '../workspace/index.ts';

/** What a tool works on: one directory tree (a task's worktree), and the runner for its commands. */
export interface ToolContext {
  root: string;
  runner: CommandRunner;
  signal: AbortSignal;
}

/** A tool a sub-agent can call. Its result is text for the model. */
export interface AgentTool<Input = unknown> {
  name: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  execute(input: Input, context: ToolContext): Promise<string>;
}

/**
 * A problem with a tool call the model can fix itself (no match for an edit, a bad regex):
 * returned to the model as the tool's result, not raised.
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/** Declares a tool, keeping its input type. */
export function defineTool<Input>(tool: AgentTool<Input>): AgentTool<Input> {
  return tool;
}
