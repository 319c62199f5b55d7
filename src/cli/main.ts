import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { exitCodes } from './exit-codes.ts';

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
  .command('audit')
  .description(
    'security audit of a directory: Trojan Source and invisible characters, homoglyph identifiers, secrets, injection patterns',
  )
  .argument('<dir>', 'directory to audit (its .gitignore files are respected)')
  .addOption(
    new Option('-f, --format <format>', 'report format')
      .choices(['text', 'json', 'sarif'])
      .default('text'),
  )
  .option('-o, --output <file>', 'write the report to this file instead of standard output')
  .addOption(
    new Option(
      '--fail-on <severity>',
      'fail on findings of this severity or worse in every category (default: the policy)',
    ).choices(['info', 'low', 'medium', 'high', 'critical', 'never']),
  )
  .option('--policy <file>', 'audit policy, JSON: failOn, rules, ignore, maxFileBytes')
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
  .command('gates')
  .description(
    'measure the quality gates of a Node or Python project: tests, coverage, lint, audit',
  )
  .argument('<dir>', 'the project directory')
  .option('--min-coverage <percent>', 'line coverage the tests must reach (default 80)', Number)
  .option('--json', 'print the gates as JSON')
  .addOption(configOption())
  .addOption(journalOption())
  .action(async (dir: string, options: Record<string, unknown>) => {
    const { gatesCommand } = await import('./commands/gates.ts');
    process.exitCode = await gatesCommand(dir, options);
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

function portNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535)
    throw new InvalidArgumentError('expected a port number, 0 to 65535.');
  return number;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive whole number.');
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive number.');
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
