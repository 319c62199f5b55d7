import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { exitCodes } from './exit-codes.ts';
// The stack names alone (no stack code), so `--help` stays quick.
import { profileNames } from '../stacks/stack.ts';

// Commands are imported when chosen, so `loki --help` starts without loading the AI SDK.
const program = new Command()
  .name('loki')
  .description(
    'Loki turns a product requirements document (PRD) into a working, tested, reviewed and deployed project.',
  )
  .version(packageJson.version, '-v, --version')
  .showHelpAfterError('(run loki --help for usage)')
  .exitOverride();

const modelOption = () =>
  new Option(
    '-m, --model <provider/model>',
    'model for every role, e.g. anthropic/claude-sonnet-4-5, ollama/qwen2.5-coder (env LOKI_MODEL)',
  );
const baseUrlOption = () =>
  new Option('--base-url <url>', 'base URL of an OpenAI-compatible server (env LOKI_BASE_URL)');
const configOption = () =>
  new Option('--config <file>', 'project config file (default: ./loki.config.json or .ts)');
const journalOption = () =>
  new Option('--journal <file>', 'run journal (default: ./.loki/journal.db; env LOKI_JOURNAL)');
const memoryOption = () =>
  new Option(
    '--memory <path-or-url>',
    'where lessons live: a SQLite file or a postgres:// URL (env LOKI_MEMORY_URL, LOKI_MEMORY_PATH; default ~/.loki/memory.db)',
  );
const stackOption = () =>
  new Option(
    '--stack <stack>',
    "what to build with (default: the product directory's stack, else the one the PRD names; env LOKI_STACK)",
  ).choices([...profileNames, 'node', 'python']);
const jsonOption = () =>
  new Option('--json', 'write NDJSON events to stdout, ending with one run-finished event');

program
  .command('run')
  .description('run the whole pipeline on a PRD: plan, build, review, audit, deploy')
  .argument('<prd>', 'PRD file (Markdown), or - to read it from standard input')
  .option('-o, --out <dir>', 'directory of the product (default: ./loki-out/<prd name>)')
  .addOption(modelOption())
  .addOption(baseUrlOption())
  .option(
    '-c, --concurrency <n>',
    'sub-agents working at once (default 10; env LOKI_CONCURRENCY)',
    positiveInteger,
  )
  .option(
    '--max-time <duration>',
    'stop (resumable) after this long: 3h, 90m (default 3h; env LOKI_MAX_TIME)',
  )
  .option(
    '--budget-usd <usd>',
    'stop (resumable) when model spend reaches this (env LOKI_BUDGET_USD)',
    positiveNumber,
  )
  .option(
    '--max-lines <n>',
    'start no new task once the product has this many lines of code (default 50000; env LOKI_MAX_LINES)',
    positiveInteger,
  )
  .option(
    '--held-out <percent>',
    "share of the PRD's acceptance criteria kept from the coding agents and checked only by the verifier (default 25; env LOKI_HELD_OUT_PERCENT)",
    percentage,
  )
  .addOption(stackOption())
  .addOption(jsonOption())
  .addOption(configOption())
  .addOption(journalOption())
  .addOption(memoryOption())
  .addHelpText(
    'after',
    `
Examples:
  $ loki run PRD.md --out ./todo-api --model anthropic/claude-sonnet-4-5
  $ LOKI_MODEL=ollama/qwen2.5-coder loki run PRD.md --max-time 90m
  $ cat PRD.md | loki run - --json > events.ndjson

Exit status: 0 done, 1 the work failed, 2 bad input, 3 a model or other service failed,
4 a limit was reached (continue with loki resume <run>), 130 interrupted (also resumable).`,
  )
  .action(async (prd: string, options: Record<string, unknown>) => {
    const { runCommand } = await import('./commands/run.ts');
    process.exitCode = await runCommand(prd, options, 'run');
  });

program
  .command('plan')
  .description('decompose a PRD into its task graph only, printed as a tree')
  .argument('<prd>', 'PRD file (Markdown), or - to read it from standard input')
  .addOption(modelOption())
  .addOption(baseUrlOption())
  .addOption(stackOption())
  .option('--json', 'print the task graph as JSON on stdout')
  .addOption(configOption())
  .addOption(journalOption())
  .addOption(memoryOption())
  .action(async (prd: string, options: Record<string, unknown>) => {
    const { runCommand } = await import('./commands/run.ts');
    process.exitCode = await runCommand(prd, options, 'plan');
  });

program
  .command('runs')
  .description('list runs recorded in the journal, newest first')
  .option('-n, --limit <n>', 'how many', positiveInteger, 20)
  .option('--json', 'print the runs as JSON')
  .addOption(journalOption())
  .action(async (options: Record<string, unknown>) => {
    const { runsCommand } = await import('./commands/runs.ts');
    process.exitCode = runsCommand(options);
  });

program
  .command('status')
  .description('show one run: stages, tasks, tokens, cost, and what to do next')
  .argument('<run>', 'run id (see loki runs)')
  .option('--json', 'print the run as JSON')
  .addOption(journalOption())
  .action(async (runId: string, options: Record<string, unknown>) => {
    const { statusCommand } = await import('./commands/status.ts');
    process.exitCode = statusCommand(runId, options);
  });

program
  .command('verify')
  .description(
    "re-check a run's evidence receipt (proof.json) against its repository: commits, diff, tests",
  )
  .argument('<run-or-proof>', 'a run id (see loki runs) or the path of a proof.json')
  .option('--no-retest', 'do not re-run the tests at the receipt’s head commit')
  .option('--json', 'print the checks as JSON')
  .addOption(journalOption())
  .addHelpText(
    'after',
    `
Exit status: 0 the receipt holds, 1 the repository drifted from it, 2 no such run or receipt.`,
  )
  .action(async (target: string, options: Record<string, unknown>) => {
    const { verifyCommand } = await import('./commands/verify.ts');
    process.exitCode = await verifyCommand(target, options);
  });

program
  .command('stats')
  .description('success rate, quality score, time and cost per run, and their trend across runs')
  .option('-n, --last <n>', 'only the newest n runs', positiveInteger, 20)
  .option('--kind <kind>', 'which runs: run, plan, gates, review, audit, deploy, or all', 'run')
  .option('--json', 'print the stats as JSON')
  .addOption(journalOption())
  .action(async (options: Record<string, unknown>) => {
    const { statsCommand } = await import('./commands/stats.ts');
    process.exitCode = statsCommand(options);
  });

program
  .command('serve')
  .description('serve the HTTP API and the dashboard: runs, live run view, memory, stats')
  .option('-p, --port <n>', 'port (default 4700; 0 picks a free one)', portNumber)
  .option('--host <address>', 'address to bind (default 127.0.0.1; any other needs --token)')
  .option(
    '--token <secret>',
    'bearer token API requests must carry (env LOKI_SERVE_TOKEN); required off loopback',
  )
  .addOption(journalOption())
  .addOption(memoryOption())
  .action(async (options: Record<string, unknown>) => {
    const { serveCommand } = await import('./commands/serve.ts');
    process.exitCode = await serveCommand(options);
  });

program
  .command('resume')
  .description(
    'continue a run that stopped or crashed, from its last checkpoint; answered model calls are not paid again',
  )
  .argument('<run>', 'run id (see loki runs)')
  .addOption(modelOption())
  .addOption(baseUrlOption())
  .option('--max-time <duration>', 'a new time limit for the run, e.g. 5h')
  .option('--budget-usd <usd>', 'a new budget for the run', positiveNumber)
  .option('--max-lines <n>', 'a new size limit for the product, in lines of code', positiveInteger)
  .addOption(jsonOption())
  .addOption(journalOption())
  .action(async (runId: string, options: Record<string, unknown>) => {
    const { resumeCommand } = await import('./commands/resume.ts');
    process.exitCode = await resumeCommand(runId, options);
  });

program
  .command('decide')
  .description(
    'decide a memory conflict the mediator escalated, then resume the run: remediate (the code keeps the lesson) or evolve (the lesson changes)',
  )
  .argument('<run>', 'run id (see loki runs; its status is needs_decision)')
  .argument('<finding>', 'finding id, as the paused run names it')
  .addArgument(
    new Argument('<decision>', 'what holds from now on').choices(['remediate', 'evolve']),
  )
  .option('--lesson <text>', 'with evolve: the lesson as it should read from now on')
  .addOption(jsonOption())
  .addOption(journalOption())
  .action(
    async (
      runId: string,
      findingId: string,
      decision: 'remediate' | 'evolve',
      options: { lesson?: string; json?: boolean; journal?: string },
    ) => {
      const { decideCommand } = await import('./commands/decide.ts');
      process.exitCode = await decideCommand(runId, findingId, decision, options);
    },
  );

program
  .command('audit')
  .description(
    'security audit of a directory: Trojan Source and invisible characters, homoglyph identifiers, secrets, injection patterns',
  )
  .argument('<dir>', 'directory to audit (its .gitignore files are respected)')
  .addOption(
    new Option('-f, --format <format>', 'report format (default: text)').choices([
      'text',
      'json',
      'sarif',
    ]),
  )
  .option('-o, --output <file>', 'write the report to this file instead of standard output')
  .addOption(
    new Option(
      '--fail-on <severity>',
      'fail on findings of this severity or worse in every category (default: the policy)',
    ).choices(['info', 'low', 'medium', 'high', 'critical', 'never']),
  )
  .option('--json', 'short for --format json')
  .option('--policy <file>', 'audit policy, JSON: failOn, rules, ignore, maxFileBytes')
  .addOption(configOption())
  .addOption(journalOption())
  .addHelpText(
    'after',
    `
Examples:
  $ loki audit ./todo-api
  $ loki audit . --format sarif --output audit.sarif
  $ loki audit . --fail-on medium

Exit status: 0 the audit passed, 1 it failed, 2 bad input (such as a missing directory).`,
  )
  .action(async (dir: string, options: Record<string, unknown>) => {
    const { auditCommand } = await import('./commands/audit.ts');
    process.exitCode = await auditCommand(dir, options);
  });

program
  .command('review')
  .description(
    'the security, performance and architecture reviewers on a git repository: analyzers, then the model',
  )
  .argument('<dir>', 'the git repository to review')
  .option('--base <rev>', 'review the changes since this revision (default: the whole tree)')
  .addOption(
    new Option('-f, --format <format>', 'report format (default: text)').choices([
      'text',
      'json',
      'sarif',
    ]),
  )
  .option('-o, --output <file>', 'write the report to this file instead of standard output')
  .addOption(
    new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
      .choices(['critical', 'high', 'medium', 'low'])
      .default('high'),
  )
  .option('--json', 'short for --format json')
  .option('--lessons <file>', 'lessons to review against, JSON: [{id, content, tags}]')
  .addOption(modelOption())
  .option('--no-model', 'run the analyzers only, without the model judgement')
  .addOption(baseUrlOption())
  .addOption(configOption())
  .addOption(journalOption())
  .addHelpText(
    'after',
    `
Without a model chosen (--model, LOKI_MODEL, loki.config.json) and none reachable, the analyzers
still run and the report says the model judgement was skipped.

Examples:
  $ loki review . --base main
  $ loki review ./todo-api --format sarif --output review.sarif
  $ loki review . --model anthropic/claude-sonnet-4-5 --fail-on medium

Exit status: 0 no finding at or above --fail-on, 1 there is one, 2 bad input (such as a missing directory).`,
  )
  .action(async (dir: string, options: Record<string, unknown>) => {
    const { reviewCommand } = await import('./commands/review.ts');
    process.exitCode = await reviewCommand(dir, options);
  });

program
  .command('gates')
  .description(
    'measure the quality gates of a Node or Python project: tests, coverage, lint, audit',
  )
  .argument('<dir>', 'the project directory')
  .option('--min-coverage <percent>', 'line coverage the tests must reach (default 80)', Number)
  .option(
    '--base <rev>',
    'judge test integrity by what changed since this commit (deleted tests, edited expectations); default: the whole tree',
  )
  .option('--json', 'print the gates as JSON')
  .addOption(configOption())
  .addOption(journalOption())
  .action(async (dir: string, options: Record<string, unknown>) => {
    const { gatesCommand } = await import('./commands/gates.ts');
    process.exitCode = await gatesCommand(dir, options);
  });

const deploymentsDirOption = () =>
  new Option(
    '--deployments-dir <dir>',
    'where local deployments live (default ~/.loki/deployments; env LOKI_DEPLOYMENTS_DIR)',
  );

program
  .command('deploy')
  .description(
    'build, stage, health-check and promote a project; prints its stable URL (again: a blue/green switch)',
  )
  .argument('<dir>', 'the project directory (in git: its committed main is deployed)')
  .addOption(
    new Option(
      '-t, --target <target>',
      'where to deploy (default: config deployTarget, local)',
    ).choices(['local', 'docker', 'vercel']),
  )
  .option('-p, --project <name>', "the deployment's name (default: the directory name)")
  .option(
    '--health-path <path>',
    'the path probed before traffic switches (default: /health if the code has it, else /)',
  )
  .option(
    '--health-timeout <seconds>',
    'how long the health check may take (default 30)',
    positiveNumber,
  )
  .option(
    '--health-interval <seconds>',
    'how often the live release is probed once it serves; 0 turns polling off (default 2; env LOKI_DEPLOY_HEALTH_INTERVAL)',
    nonNegativeNumber,
  )
  .addOption(deploymentsDirOption())
  .option('--json', 'print the deployment as JSON')
  .addOption(configOption())
  .addOption(journalOption())
  .addHelpText(
    'after',
    `
Examples:
  $ loki deploy ./todo-api
  $ loki deploy . --project shop --health-path /healthz

Exit status: 0 live, 1 the build or health check failed (the previous release keeps serving),
2 bad input, 3 the target cannot run here.`,
  )
  .action(async (dir: string, options: Record<string, unknown>) => {
    const { deployCommand } = await import('./commands/deploy.ts');
    process.exitCode = await deployCommand(dir, options);
  });

program
  .command('deployments')
  .description('list local deployments: live release, the one rollback returns to, URL')
  .addOption(deploymentsDirOption())
  .option('--json', 'print them as JSON')
  .action(async (options: Record<string, unknown>) => {
    const { deploymentsCommand } = await import('./commands/deployments.ts');
    process.exitCode = await deploymentsCommand(options);
  });

program
  .command('rollback')
  .description('serve the previous release of a deployed project again, on the same URL')
  .argument('<project>', 'the deployment (see loki deployments)')
  .addOption(deploymentsDirOption())
  .option('--json', 'print the deployment as JSON')
  .action(async (project: string, options: Record<string, unknown>) => {
    const { rollbackCommand } = await import('./commands/deployments.ts');
    process.exitCode = await rollbackCommand(project, options);
  });

program
  .command('logs')
  .description('print what a release of a deployed project wrote (default: the live one)')
  .argument('<project>', 'the deployment (see loki deployments)')
  .option('-r, --release <n>', 'the release version', positiveInteger)
  .addOption(deploymentsDirOption())
  .option('--json', 'print the log as JSON')
  .action(async (project: string, options: Record<string, unknown>) => {
    const { logsCommand } = await import('./commands/deployments.ts');
    process.exitCode = await logsCommand(project, options);
  });

program
  .command('stop')
  .description('stop a deployed project: its proxy and every release process')
  .argument('<project>', 'the deployment (see loki deployments)')
  .addOption(deploymentsDirOption())
  .option('--json', 'print the result as JSON')
  .action(async (project: string, options: Record<string, unknown>) => {
    const { stopCommand } = await import('./commands/deployments.ts');
    process.exitCode = await stopCommand(project, options);
  });

program
  .command('feedback')
  .description('rate a run and say why; later runs learn from it')
  .argument('<run>', 'run id (see loki runs)')
  .argument('<text>', 'what was good or bad about the result')
  .requiredOption('-r, --rating <1-5>', 'how good the result was: 1 (bad) to 5 (great)', Number)
  .addOption(memoryOption())
  .option('--json', 'print the stored feedback as JSON')
  .addOption(journalOption())
  .action(
    async (
      runId: string,
      text: string,
      options: { rating: number; memory?: string; json?: boolean; journal?: string },
    ) => {
      const { feedbackCommand } = await import('./commands/feedback.ts');
      process.exitCode = await feedbackCommand(runId, { ...options, text });
    },
  );

const macro = program
  .command('macro')
  .description('macros: finished runs as reproducible files, replayed with no model');

macro
  .command('list')
  .description('list the macros beside the journal, newest first')
  .option('--json', 'print the macros as JSON')
  .addOption(journalOption())
  .action(async (options: Record<string, unknown>) => {
    const { macroListCommand } = await import('./commands/macro.ts');
    process.exitCode = macroListCommand(options);
  });

macro
  .command('show')
  .description('show what a macro holds: run, plan, replies, files')
  .argument('<macro>', 'macro id (see loki macro list) or macro file')
  .option('--json', 'print the whole macro as JSON')
  .addOption(journalOption())
  .action(async (id: string, options: Record<string, unknown>) => {
    const { macroShowCommand } = await import('./commands/macro.ts');
    process.exitCode = macroShowCommand(id, options);
  });

macro
  .command('export')
  .description('export a run of the journal as one macro file (keys redacted)')
  .argument('<run>', 'run id (see loki runs)')
  .option(
    '-o, --output <file>',
    'where to write it (default: the macros folder beside the journal)',
  )
  .option('--json', 'print the result as JSON')
  .addOption(journalOption())
  .action(async (runId: string, options: Record<string, unknown>) => {
    const { macroExportCommand } = await import('./commands/macro-export.ts');
    process.exitCode = await macroExportCommand(runId, options);
  });

macro
  .command('import')
  .description('import a macro file: checked, kept beside the journal and stored in memory')
  .argument('<file>', 'macro file')
  .option('--json', 'print the result as JSON')
  .addOption(journalOption())
  .addOption(memoryOption())
  .action(async (file: string, options: Record<string, unknown>) => {
    const { macroImportCommand } = await import('./commands/macro.ts');
    process.exitCode = await macroImportCommand(file, options);
  });

macro
  .command('replay')
  .description(
    're-execute a macro with no model into a fresh directory; its files must be byte-identical',
  )
  .argument('<macro>', 'macro id (see loki macro list) or macro file')
  .option('-o, --out <dir>', 'a new directory for the product (default: ./loki-out/replay-<id>)')
  .option('--json', 'write NDJSON events, ending with one replay-finished result')
  .addOption(journalOption())
  .addHelpText(
    'after',
    `
Exit status: 0 identical files, 1 a divergence (the first one is named), 2 bad input.`,
  )
  .action(async (id: string, options: Record<string, unknown>) => {
    const { macroReplayCommand } = await import('./commands/macro-replay.ts');
    process.exitCode = await macroReplayCommand(id, options);
  });
const memory = program
  .command('memory')
  .description('the lessons, feedback and macros that later runs learn from');
const memoryTypeOption = () =>
  new Option('-t, --type <type>', 'kind of memory').choices([
    'learned_lesson',
    'loki_macro',
    'feedback',
  ]);
const tagsOption = () => new Option('--tags <tags>', 'comma-separated tags');
const memoryAction =
  (name: string) =>
  async (...args: unknown[]) => {
    const commands = await import('./commands/memory-commands.ts');
    process.exitCode = await commands.memoryCommands[name]!(...args);
  };
memory
  .command('add')
  .description('store a memory; a duplicate (same key or same words) is merged, not piled up')
  .argument('<content>', 'what was learned')
  .addOption(memoryTypeOption().default('learned_lesson'))
  .addOption(tagsOption())
  .addOption(new Option('-s, --severity <severity>').choices(['info', 'warning', 'critical']))
  .option('--key <key>', 'a stable name: a later add with the same key replaces this one')
  .addOption(memoryOption())
  .option('--json', 'print the stored item as JSON')
  .action(memoryAction('add'));
memory
  .command('search')
  .description('full-text search, best match first')
  .argument('<query>', 'words to look for')
  .addOption(memoryTypeOption())
  .addOption(tagsOption())
  .option('-n, --limit <n>', 'how many', positiveInteger, 20)
  .option('--all', 'include superseded memories')
  .addOption(memoryOption())
  .option('--json', 'print the hits as JSON')
  .action(memoryAction('search'));
memory
  .command('list')
  .description('memories, most recently updated first')
  .addOption(memoryTypeOption())
  .addOption(tagsOption())
  .option('-n, --limit <n>', 'how many', positiveInteger)
  .option('--all', 'include superseded memories')
  .addOption(memoryOption())
  .option('--json', 'print the memories as JSON')
  .action(memoryAction('list'));
for (const [name, description] of [
  ['show', 'one memory in full, with what it supersedes and what superseded it'],
  ['forget', 'delete a memory'],
] as const) {
  memory
    .command(name)
    .description(description)
    .argument('<id>', 'memory id (see loki memory list)')
    .addOption(memoryOption())
    .option('--json', 'print JSON')
    .action(memoryAction(name));
}
memory
  .command('export')
  .description('write every memory as JSONL, oldest first')
  .addOption(memoryTypeOption())
  .addOption(tagsOption())
  .option('-o, --output <file>', 'write to this file instead of standard output')
  .addOption(memoryOption())
  .action(memoryAction('export'));
memory
  .command('import')
  .description('read memories from JSONL; bad lines are named, the good ones written at once')
  .argument('<file>', 'JSONL file, or - for standard input')
  .option('--strict', 'write nothing when any line is bad')
  .addOption(memoryOption())
  .option('--json', 'print the outcome as JSON')
  .action(memoryAction('import'));

program
  .command('config')
  .description('print the resolved configuration (secrets masked) and where each layer came from')
  .addOption(modelOption())
  .addOption(configOption())
  .action(async (options: Record<string, unknown>) => {
    const { configCommand } = await import('./commands/config.ts');
    process.exitCode = await configCommand(options);
  });

program
  .command('mcp')
  .description('serve Loki as MCP tools (develop a product, run status, memory) on stdio or HTTP')
  .option('--http', 'serve streamable HTTP instead of stdio')
  .option('--port <n>', 'HTTP port (default 7465; 0 picks a free one)', portNumber)
  .option('--host <address>', 'HTTP address (default 127.0.0.1; others need LOKI_MCP_TOKEN)')
  .addOption(configOption())
  .action(async (options: Record<string, unknown>) => {
    const { mcpCommand } = await import('./commands/mcp.ts');
    process.exitCode = await mcpCommand(options);
  });

program
  .command('chat')
  .description('a chat REPL: !mode loki takes the next message as a PRD and runs it')
  .addOption(modelOption())
  .addOption(baseUrlOption())
  .addOption(configOption())
  .addOption(journalOption())
  .addOption(memoryOption())
  .action(async (options: Record<string, unknown>) => {
    const { chatCommand } = await import('./chat/chat-command.ts');
    process.exitCode = await chatCommand(options);
  });

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive whole number.');
  return number;
}

function portNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535)
    throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return number;
}

function nonNegativeNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0)
    throw new InvalidArgumentError('expected a number of 0 or more.');
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive number.');
  return number;
}

function percentage(value: string): number {
  const number = Number(value.replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100)
    throw new InvalidArgumentError('expected a percentage from 0 to 100.');
  return number;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
      error.code,
    );
    process.exitCode = quiet ? exitCodes.ok : exitCodes.badInput;
  } else {
    const { reportError } = await import('./report-error.ts');
    process.exitCode = reportError(error, process.argv.includes('--json'));
  }
}
