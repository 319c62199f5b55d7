import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const lokiBin = fileURLToPath(new URL('../../../bin/loki.js', import.meta.url));
export const examplePrd = fileURLToPath(
  new URL('../../../examples/todo-api/PRD.md', import.meta.url),
);
export const exampleSession = fileURLToPath(
  new URL('../../../examples/todo-api/scripted-session.json', import.meta.url),
);

export interface LokiResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fresh working directory and home for a `loki` child process, so runs never mix. */
export function createWorkspace(): { cwd: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'loki-cli-'));
  return { cwd: root, home: join(root, 'home') };
}

/** The child's environment: no provider keys or LOKI_* settings leak in from the machine. */
export function cleanEnvironment(
  home: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/API_KEY|^LOKI_/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, HOME: home, NO_COLOR: '1', ...extra };
}

/** Starts `loki` as a real child process on the Node running the tests. */
export function startLoki(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ChildProcess & { result: Promise<LokiResult> } {
  const child = spawn(process.execPath, [lokiBin, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const result = new Promise<LokiResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { result });
}

/** Runs `loki` to completion, optionally feeding standard input. */
export async function runLoki(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<LokiResult> {
  const child = startLoki(args, options);
  child.stdin?.end(options.input ?? '');
  return child.result;
}

/** A one-task plan whose task needs no stack: enough to take a run through execution. */
export const tinyGraph = {
  summary: 'One file.',
  tasks: [
    {
      id: 'readme',
      name: 'Write the README',
      role: 'docs' as const,
      description: 'Write README.md describing the product.',
      acceptanceCriteria: ['README.md exists'],
      dependsOn: [],
    },
  ],
};

/** The same plan with a dependency cycle: the planner must be asked again. */
export const cyclicTinyGraph = {
  ...tinyGraph,
  tasks: [{ ...tinyGraph.tasks[0]!, dependsOn: ['readme'] }],
};

/** The readme task's agent, as the test model server's reply: write the file, then finish. */
export const readmeAgentReply = {
  toolCalls: [
    { name: 'write_file', arguments: { path: 'README.md', content: '# Tiny\n' } },
    { name: 'finish', arguments: { summary: 'README.md written.' } },
  ],
};
