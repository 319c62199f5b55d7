import { homedir } from 'node:os';
import { LokiError } from '../../core/index.ts';
import { loadConfig } from '../../config/index.ts';
import { runQualityGates, runStandalone } from '../../pipeline/index.ts';
import { explainStack } from '../../stacks/index.ts';
import { createCommandRunner, git } from '../../workspace/index.ts';
import { formatTable } from '../format-table.ts';
import { openJournal } from '../open-journal.ts';
import { projectDirectory } from '../project-directory.ts';

export interface GatesCommandOptions {
  minCoverage?: number;
  base?: string;
  json?: boolean;
  config?: string;
  journal?: string;
}

/** `loki gates <dir>`: the quality gates of a Node or Python project, measured; exit 1 if one fails. */
export async function gatesCommand(dir: string, options: GatesCommandOptions): Promise<number> {
  const root = await projectDirectory(dir);
  const detection = await explainStack(root);
  if (!detection.stack) {
    throw new LokiError({
      code: 'project.unknown-stack',
      category: 'bad-input',
      message: `${dir} is not a project Loki can check: ${detection.reason}`,
      details: { root },
    });
  }
  const { config } = await loadConfig({
    cwd: process.cwd(),
    homeDir: homedir(),
    env: process.env,
    configPath: options.config,
    flags: { journal: options.journal },
  });
  const thresholds = {
    ...config.gates,
    ...(options.minCoverage === undefined ? {} : { minCoveragePercent: options.minCoverage }),
  };
  const base = options.base === undefined ? undefined : await resolveCommit(root, options.base);
  const runner = await createCommandRunner({ root, sandbox: config.sandbox });
  if (!options.json)
    process.stderr.write(
      `${runner.sandbox.summary}\nmeasuring the gates of ${root} (${detection.reason})…\n`,
    );
  using journal = openJournal(config.journal);
  const { output: report, runId } = await runStandalone(
    { journal, kind: 'gates', target: root, title: 'Quality gates' },
    async () => {
      const measured = await runQualityGates(runner, thresholds, { base });
      const failed = measured.gates.filter((gate) => !gate.passed).map((gate) => gate.gate);
      return {
        output: measured.gates,
        passed: measured.passed,
        summary: measured.passed ? 'all gates pass' : `failing: ${failed.join(', ')}`,
      };
    },
  );
  const passed = report.every((gate) => gate.passed);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ runId, root, passed, gates: report }, null, 2)}\n`);
  } else {
    const table = formatTable(
      ['GATE', 'RESULT', 'MEASURED', 'THRESHOLD'],
      report.map((gate) => [
        gate.gate,
        gate.passed ? 'pass' : 'FAIL',
        gate.measured,
        gate.threshold,
      ]),
    );
    const details = report
      .filter((gate) => gate.detail)
      .map((gate) => `\n${gate.gate}: ${gate.detail.split('\n').slice(0, 12).join('\n  ')}`);
    process.stdout.write(`${table}\n${details.join('\n')}${details.length > 0 ? '\n' : ''}`);
  }
  return passed ? 0 : 1;
}

async function resolveCommit(root: string, revision: string): Promise<string> {
  const resolved = await git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], {
    allowFailure: true,
  }).catch(() => null);
  if (!resolved || resolved.exitCode !== 0) {
    throw new LokiError({
      code: 'project.unknown-revision',
      category: 'bad-input',
      message: `--base ${revision} is not a commit of the git repository at ${root} (try a branch, a tag or a commit id, e.g. --base main)`,
      details: { root, revision },
    });
  }
  return resolved.stdout.trim();
}
