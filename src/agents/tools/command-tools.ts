import { z } from 'zod';
import { defineTool } from '../agent-tool.ts';

const defaultTimeoutSeconds = 300;

export const runCommandTool = defineTool({
  name: 'run_command',
  description:
    "Run a shell command in the project's root (e.g. npm install, npm test, pytest). Output is cut in the middle when long.",
  inputSchema: z.object({
    command: z.string().min(1),
    timeoutSeconds: z
      .int()
      .positive()
      .max(3_600)
      .optional()
      .describe(`Default ${defaultTimeoutSeconds}`),
  }),
  async execute(input, { runner, signal }) {
    const result = await runner.run({
      command: input.command,
      timeoutMs: (input.timeoutSeconds ?? defaultTimeoutSeconds) * 1_000,
      // Installing dependencies needs the registry; everything else runs offline where enforced.
      network: /\b(npm|pnpm|yarn|pip|uv)\b.*\b(install|ci|add|i)\b/.test(input.command),
      signal,
    });
    const status = result.timedOut
      ? `timed out after ${input.timeoutSeconds ?? defaultTimeoutSeconds}s and was killed`
      : result.exitCode === null
        ? `killed by ${result.signal ?? 'a signal'}`
        : `exit code ${result.exitCode}`;
    return `$ ${input.command}\n${status}\n${result.output}`;
  },
});

/** Whether a run_command result reports a failure (its second line is the status). */
export function commandFailed(resultText: string): boolean {
  return resultText.split('\n')[1] !== 'exit code 0';
}

export const finishTool = defineTool({
  name: 'finish',
  description:
    'Call when the task is done and its tests pass: summarise what you built (files, interfaces others can use) in a few sentences.',
  inputSchema: z.object({ summary: z.string().min(1) }),
  execute: (input) => Promise.resolve(input.summary),
});
