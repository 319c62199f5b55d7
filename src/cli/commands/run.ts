import { homedir } from 'node:os';
import { basename, extname, resolve } from 'node:path';
import { loadConfig, type LokiConfigInput } from '../../config/index.ts';
import { startRun } from '../../pipeline/index.ts';
import { exitCodeOfRun } from '../exit-codes.ts';
import { openJournal } from '../open-journal.ts';
import { readPrd } from '../read-prd.ts';
import { createRunOutput, interruptSignal } from '../run-output.ts';
import { renderTaskTree } from '../render-task-tree.ts';
import { scriptedNotice } from '../scripted-notice.ts';

export interface RunCommandOptions {
  out?: string;
  model?: string;
  baseUrl?: string;
  concurrency?: number;
  maxTime?: string;
  budgetUsd?: number;
  json?: boolean;
  config?: string;
  journal?: string;
  memory?: string;
  maxLines?: number;
  heldOut?: number;
  /** Checked against the known stacks by the command line and again by the config schema. */
  stack?: LokiConfigInput['stack'];
}

/** `loki run` and `loki plan`: one path, the plan stopping after decomposition. */
export async function runCommand(
  prdPath: string,
  options: RunCommandOptions,
  kind: 'run' | 'plan',
): Promise<number> {
  const prd = await readPrd(prdPath);
  const { config, input } = await loadConfig({
    cwd: process.cwd(),
    homeDir: homedir(),
    env: process.env,
    configPath: options.config,
    flags: {
      model: options.model,
      baseUrl: options.baseUrl,
      concurrency: options.concurrency,
      maxTime: options.maxTime,
      budgetUsd: options.budgetUsd,
      journal: options.journal,
      memory: options.memory,
      maxLines: options.maxLines,
      heldOutPercent: options.heldOut,
      stack: options.stack,
    },
  });
  const outDir = resolve(
    options.out ?? `loki-out/${prd.path ? basename(prd.path, extname(prd.path)) : 'prd'}`,
  );
  using journal = openJournal(config.journal);
  const json = options.json === true;
  const output = createRunOutput(json && kind === 'run');
  const notice = scriptedNotice(config, prdPath);
  if (notice && !json) process.stderr.write(`${notice}\n\n`);
  const interrupt = interruptSignal();
  try {
    const { summary, state } = await startRun(
      { prd, outDir, config: input, kind },
      {
        journal,
        env: process.env,
        sinks: kind === 'plan' && json ? [] : output.sinks,
        signal: interrupt.signal,
      },
    );
    output.stop();
    if (kind === 'plan' && state.taskGraph) {
      process.stdout.write(
        json
          ? `${JSON.stringify(state.taskGraph, null, 2)}\n`
          : renderTaskTree(prd.title, state.taskGraph, config.heldOutPercent),
      );
    } else if (!json) {
      process.stdout.write(
        `${summary.runId} ${summary.status}${summary.stopReason ? ` (${summary.stopReason})` : ''} ${summary.outDir}\n`,
      );
    }
    return exitCodeOfRun(summary);
  } finally {
    output.stop();
    interrupt.dispose();
  }
}
