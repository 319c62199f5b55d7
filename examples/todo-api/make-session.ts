/**
 * Builds `scripted-session.json`, the recorded model session `npm run demo` replays, from the
 * planner's task graph in `planner-reply.ts`, the agents' turns in `agent-turns.ts`, the
 * verifier's acceptance checks in `verifier-reply.ts` and the files in `recording/<task-id>/`
 * (each task's files as it leaves them: what it created or changed).
 *
 * Before writing, it replays every agent's tool calls on the files its task starts from (the
 * recordings of the tasks it depends on) and checks that they produce exactly its recording: an
 * edit's old text must occur once, the one deliberate slip must not occur at all, every file read
 * must exist. The session therefore cannot drift from the recorded code. Its output depends on
 * its inputs alone: running it twice writes the same bytes.
 *
 *   node examples/todo-api/make-session.ts          # write scripted-session.json
 *   node examples/todo-api/make-session.ts --check  # and run each task's tests where it ends
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import * as prettier from 'prettier';
import { systemPromptFor } from '../../src/agents/role-prompts.ts';
import { taskPrompt } from '../../src/agents/task-prompt.ts';
import { scriptedSessionSchema, type ScriptedReply } from '../../src/model/scripted-session.ts';
import { acceptanceChecksSchema } from '../../src/pipeline/acceptance/acceptance-checks.ts';
import {
  criteriaBriefOf,
  productCriteriaOf,
  withoutHeldOut,
} from '../../src/pipeline/acceptance/product-criteria.ts';
import { problemsOf } from '../../src/pipeline/acceptance/propose-checks.ts';
import { findGraphProblems, taskGraphSchema, type Task } from '../../src/pipeline/task-graph.ts';
import { agentTurns, type ScriptedCall, type ScriptedTurn } from './agent-turns.ts';
import { taskGraph } from './planner-reply.ts';
import { verifierChecks } from './verifier-reply.ts';

const here = import.meta.dirname;
const recordingRoot = join(here, 'recording');
const sessionPath = join(here, 'scripted-session.json');
const prd = readFileSync(join(here, 'PRD.md'), 'utf8');

// Token counts are estimated as a provider would count them: about four characters a token.
const charactersPerToken = 4;
// The seven tools' names, descriptions and JSON schemas, sent with every agent call.
const toolDefinitionCharacters = 3_100;
// The planner's instructions and the task-graph schema it answers in.
const plannerOverheadCharacters = 6_400;
// The verifier's instructions, the checks' schema, the criteria and the product's file list.
const verifierOverheadCharacters = 9_000;
// What `npm test` prints is not known here; a spec report of this size is typical.
const commandOutputCharacters = 4_800;

type Files = Map<string, string>;

/** The files of a folder, by path relative to it with forward slashes, sorted. */
function readTree(root: string): Files {
  const files: Files = new Map();
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  visit(root);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

// The product criteria as the run splits them at its default share (25 %): the coders see the rest.
const productCriteria = productCriteriaOf(taskGraph, 25);
const criteriaBrief = criteriaBriefOf(productCriteria);

const recordings = new Map(
  taskGraph.tasks.map((task) => [task.id, readTree(join(recordingRoot, task.id))]),
);

function recorded(taskId: string, path: string): string {
  const content = recordings.get(taskId)?.get(path);
  if (content === undefined) throw new Error(`recording/${taskId}/${path} does not exist`);
  return content;
}

/** The tasks `task` needs, directly or not, in plan order. */
function dependencyClosure(task: Task): Task[] {
  const needed = new Set<string>();
  const visit = (id: string) => {
    for (const dependency of taskGraph.tasks.find((candidate) => candidate.id === id)?.dependsOn ??
      []) {
      if (!needed.has(dependency)) {
        needed.add(dependency);
        visit(dependency);
      }
    }
  };
  visit(task.id);
  return taskGraph.tasks.filter((candidate) => needed.has(candidate.id));
}

/** The files a task's worktree holds when its agent starts: main after its dependencies merged. */
function startingFiles(task: Task): Files {
  const files: Files = new Map();
  for (const dependency of dependencyClosure(task)) {
    for (const [path, content] of recordings.get(dependency.id) ?? []) files.set(path, content);
  }
  return files;
}

/** A text field of a tool call's input ('' when absent). */
function field(call: ScriptedCall, name: string): string {
  const value = call.input[name];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new Error(`${call.name}: ${name} must be a string`);
  return value;
}

/**
 * A tool call as the model makes it: a write's content, and an edit's new section, filled in
 * from the recording of `taskId`; the script's own markers dropped.
 */
function resolveCall(taskId: string, call: ScriptedCall): ScriptedCall {
  const path = field(call, 'path');
  if (call.name === 'write_file') {
    return { name: call.name, input: { path, content: recorded(taskId, path) } };
  }
  if (call.newSection) {
    const file = recorded(taskId, path);
    const start = file.indexOf(call.newSection.from);
    const end = file.indexOf(call.newSection.to, start);
    if (start < 0 || end < 0) throw new Error(`${taskId}: the section is not in recording ${path}`);
    const newString = file.slice(start, end + call.newSection.to.length);
    return { name: call.name, input: { ...call.input, new_string: newString } };
  }
  return call;
}

/**
 * Carries out the calls on `files` as the tools would and returns each call's result text, so
 * that the replayed session is known to work and the token counts follow the conversation.
 */
function replayCall(taskId: string, call: ScriptedCall, files: Files): string {
  const where = `${taskId}: ${call.name} ${JSON.stringify(call.input).slice(0, 120)}`;
  const path = field(call, 'path');
  switch (call.name) {
    case 'list_files': {
      const listed = [...files.keys()].filter((file) => path === '' || file.startsWith(`${path}/`));
      return listed.length === 0 ? 'no files yet' : listed.sort().join('\n');
    }
    case 'read_file': {
      const content = files.get(path);
      if (content === undefined) throw new Error(`${where}: the file does not exist then`);
      const lines = content.split('\n').length;
      return `${path} (lines 1-${lines} of ${lines}):\n${content}`;
    }
    case 'search': {
      const pattern = new RegExp(field(call, 'pattern'));
      const matches = [...files]
        .filter(([file]) => file.startsWith(`${path}/`))
        .flatMap(([file, content]) =>
          content
            .split('\n')
            .flatMap((line, index) =>
              pattern.test(line) ? [`${file}:${index + 1}: ${line}`] : [],
            ),
        );
      if (matches.length === 0) throw new Error(`${where}: the search finds nothing`);
      return matches.join('\n');
    }
    case 'write_file': {
      const content = field(call, 'content');
      files.set(path, content);
      return `wrote ${path} (${content.split('\n').length} lines)`;
    }
    case 'edit_file': {
      const content = files.get(path);
      if (content === undefined) throw new Error(`${where}: the file does not exist then`);
      const oldString = field(call, 'old_string');
      const occurrences = content.split(oldString).length - 1;
      if (call.fails) {
        if (occurrences !== 0) throw new Error(`${where}: the slip was meant to fail but matches`);
        return `error: old_string was not found in ${path}; read the file and copy the exact text, whitespace included`;
      }
      if (occurrences !== 1) throw new Error(`${where}: old_string occurs ${occurrences} times`);
      files.set(
        path,
        content.replace(oldString, () => field(call, 'new_string')),
      );
      return `edited ${path}: replaced 1 occurrence`;
    }
    case 'run_command':
      return `$ ${field(call, 'command')}\nexit code 0\n${'.'.repeat(commandOutputCharacters)}`;
    case 'finish':
      return 'finished';
    default:
      throw new Error(`${where}: not a tool of a task agent`);
  }
}

function tokens(characters: number): number {
  return Math.ceil(characters / charactersPerToken);
}

/** The replies of one task agent, checked against its recording. */
function agentReplies(
  task: Task,
  turns: ScriptedTurn[],
  summaries: Map<string, string>,
): ScriptedReply[] {
  const files = startingFiles(task);
  const before = new Map(files);
  const prompt = taskPrompt({
    taskId: task.id,
    name: task.name,
    description: task.description,
    acceptanceCriteria: withoutHeldOut(task.acceptanceCriteria, criteriaBrief),
    productCriteria: criteriaBrief.visible,
    dependencies: task.dependsOn.map((id) => ({ taskId: id, summary: summaries.get(id) ?? '' })),
    constraints: [],
    prd,
    stackNotes: null,
    files: [...files.keys()].sort(),
  });
  let context = systemPromptFor(task.role).length + toolDefinitionCharacters + prompt.length;
  const replies = turns.map((turn, turnIndex): ScriptedReply => {
    const calls = turn.calls.map((call) => resolveCall(task.id, call));
    const toolCalls = calls.map((call, index) => ({
      id: `call_${task.id}_${turnIndex}_${index}`,
      name: call.name,
      input: call.input,
    }));
    const output = turn.text.length + JSON.stringify(toolCalls).length;
    const usage = { inputTokens: tokens(context), outputTokens: tokens(output) };
    const results = calls.map((call) => replayCall(task.id, call, files));
    context += output + results.reduce((sum, result) => sum + result.length, 0);
    return { match: { agent: `task:${task.id}` }, text: turn.text, toolCalls, usage };
  });
  const last = turns.at(-1)?.calls.at(-1);
  if (last?.name !== 'finish') throw new Error(`${task.id}: the last turn must call finish`);
  summaries.set(task.id, field(last, 'summary'));
  checkAgainstRecording(task.id, before, files);
  return replies;
}

/** The agent must leave exactly the recorded files changed, with exactly the recorded content. */
function checkAgainstRecording(taskId: string, before: Files, after: Files): void {
  const recording = recordings.get(taskId) ?? new Map<string, string>();
  const changed = [...after.keys()].filter((path) => before.get(path) !== after.get(path));
  for (const path of changed) {
    if (!recording.has(path)) throw new Error(`${taskId} changes ${path}, which is not recorded`);
  }
  for (const [path, content] of recording) {
    if (after.get(path) !== content) {
      throw new Error(`${taskId}: the calls do not produce recording/${taskId}/${path}`);
    }
  }
}

/** Writes each task's end state to a temporary folder and runs its tests there, as the orchestrator does. */
function runTestsOfEachTask(): void {
  for (const task of taskGraph.tasks) {
    const root = mkdtempSync(join(tmpdir(), `todo-api-${task.id}-`));
    try {
      const files = startingFiles(task);
      for (const [path, content] of recordings.get(task.id) ?? []) files.set(path, content);
      for (const [path, content] of files) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), content);
      }
      const started = Date.now();
      const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap'], {
        cwd: root,
        encoding: 'utf8',
      });
      const count = (key: string) => new RegExp(`^# ${key} (\\d+)$`, 'm').exec(run.stdout)?.[1];
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `${task.id}: ${count('pass')} passed, ${count('fail')} failed (${seconds}s)\n`,
      );
      if (run.status !== 0)
        throw new Error(`${task.id}: its tests fail\n${run.stdout.slice(-3_000)}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<void> {
  const graph = taskGraphSchema.parse(taskGraph);
  const problems = findGraphProblems(graph);
  if (problems.length > 0) throw new Error(`the task graph is invalid: ${problems.join('; ')}`);
  const graphText = JSON.stringify(graph, null, 2);
  const replies: ScriptedReply[] = [
    {
      match: { stage: 'decomposition', agent: 'planner' },
      usage: {
        inputTokens: tokens(plannerOverheadCharacters + prd.length),
        outputTokens: tokens(graphText.length),
      },
      object: graph,
    },
  ];
  const summaries = new Map<string, string>();
  for (const task of graph.tasks) {
    const turns = agentTurns[task.id];
    if (!turns) throw new Error(`agent-turns.ts has no turns for task ${task.id}`);
    replies.push(...agentReplies(task, turns, summaries));
  }
  // The three reviewers judge each task's change as it is merged, then what no task review
  // covered; the analyzers' facts stand on their own.
  for (const reviewer of ['security', 'performance', 'architecture']) {
    replies.push({
      match: { agent: `${reviewer}-reviewer` },
      object: { findings: [] },
      repeat: true,
    });
  }
  // The verifier turns each product criterion into a black-box check of the merged product.
  const checks = acceptanceChecksSchema.parse(verifierChecks);
  const checkProblems = problemsOf(checks, productCriteria);
  if (checkProblems.length > 0)
    throw new Error(`the verifier's checks are invalid: ${checkProblems.join('; ')}`);
  const checksText = JSON.stringify(verifierChecks, null, 2);
  replies.push({
    match: { stage: 'acceptance', agent: 'verifier' },
    usage: {
      inputTokens: tokens(verifierOverheadCharacters + prd.length),
      outputTokens: tokens(checksText.length),
    },
    object: verifierChecks,
  });
  const session = scriptedSessionSchema.parse({
    description:
      "A recorded model session for the Todo API example: the planner's task graph, then every task agent's replies and tool calls, turn by turn, then the reviewers' judgements and the verifier's acceptance checks. Replaying it needs no API key and makes no network call. Generated by make-session.ts from planner-reply.ts, agent-turns.ts, verifier-reply.ts and recording/; do not edit by hand.",
    replies,
  });
  const options = await prettier.resolveConfig(sessionPath);
  const text = await prettier.format(JSON.stringify(session), {
    ...options,
    filepath: sessionPath,
  });
  writeFileSync(sessionPath, text);
  const calls = replies.reduce((sum, reply) => sum + (reply.toolCalls?.length ?? 0), 0);
  process.stdout.write(
    `wrote ${relative(process.cwd(), sessionPath)}: ${replies.length} replies, ${calls} tool calls, ${graph.tasks.length} tasks\n`,
  );
  if (process.argv.includes('--check')) runTestsOfEachTask();
}

await main();
