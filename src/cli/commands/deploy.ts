import { homedir } from 'node:os';
import { loadConfig } from '../../config/index.ts';
import { chooseTarget, deployProject, deploySourceOf } from '../../deploy/index.ts';
import { runStandalone } from '../../pipeline/index.ts';
import { exitCodes } from '../exit-codes.ts';
import { openJournal } from '../open-journal.ts';
import { projectDirectory } from '../project-directory.ts';

export interface DeployCommandOptions {
  target?: string;
  project?: string;
  healthPath?: string;
  healthTimeout?: number;
  /** Seconds between probes of the live release; 0 turns polling off. */
  healthInterval?: number;
  deploymentsDir?: string;
  json?: boolean;
  config?: string;
  journal?: string;
}

/**
 * `loki deploy <dir>`: builds, stages, health-checks and promotes the project, watches it a few
 * seconds (what its monitor sees is said on stderr), recorded as a run of kind `deploy`, and
 * prints its stable URL. A failed health check, or a release that fails in the watch, leaves
 * the previous release serving and throws (exit 1).
 */
export async function deployCommand(dir: string, options: DeployCommandOptions): Promise<number> {
  const root = await projectDirectory(dir);
  const { config } = await loadConfig({
    cwd: process.cwd(),
    homeDir: homedir(),
    env: process.env,
    configPath: options.config,
    flags: { journal: options.journal },
  });
  const say = (line: string) => {
    if (!options.json) process.stderr.write(`${line}\n`);
  };
  const target = chooseTarget(options.target ?? config.deployTarget, {
    deploymentsDir: options.deploymentsDir,
    sandbox: config.sandbox,
    onProgress: say,
    ...(options.healthTimeout ? { health: { timeoutMs: options.healthTimeout * 1000 } } : {}),
    ...(options.healthInterval === undefined
      ? {}
      : { monitor: { intervalMs: Math.round(options.healthInterval * 1000) } }),
  });
  const source = await deploySourceOf(root, {
    project: options.project,
    healthPath: options.healthPath,
  });
  say(`deploying ${source.project} from ${root} (${target.name} target)…`);
  using journal = openJournal(config.journal);
  const { output, runId } = await runStandalone(
    { journal, kind: 'deploy', target: root, title: 'Deployment' },
    async () => {
      const outcome = await deployProject(target, source, {
        observe: { onHealthEvent: (event) => say(`${event.at} ${event.message}`) },
      });
      return {
        output: outcome,
        passed: true,
        summary: `${outcome.project} v${outcome.version} live at ${outcome.url} (${outcome.target})`,
      };
    },
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ runId, ...output }, null, 2)}\n`);
  } else {
    say(
      `${output.project} v${output.version} is live (health: ${output.health.url} answered ${String(output.health.status)})`,
    );
    process.stdout.write(`${output.url}\n`);
  }
  return exitCodes.ok;
}
