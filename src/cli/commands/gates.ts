import { homedir } from 'node:os';
import { LokiError } from '../../core/index.ts';
import { loadConfig } from '../../config/index.ts';
import { runQualityGates, runStandalone } from '../../pipeline/index.ts';
import { explainStack } from '../../stacks/index.ts';
import { createCommandRunner } from '../../workspace/index.ts';
import { formatTable } from '../format-table.ts';
import { openJournal } from '../open-journal.ts';
import { projectDirectory } from '../project-directory.ts';

export interface GatesCommandOptions {
  minCoverage?: number;
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
  const runner = await createCommandRunner({ root, sandbox: config.sandbox });
  if (!options.json)
    process.stderr.write(
      `${runner.sandbox.summary}\nmeasuring the gates of ${root} (${detection.reason})…\n`,
    );
  using journal = openJournal(config.journal);
  const { output: report, runId } = await runStandalone(
    { journal, kind: 'gates', target: root, title: 'Quality gates' },
    async () => {
      const measured = await runQualityGates(runner, thresholds);
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
      .filter((gate) => !gate.passed && gate.detail)
      .map((gate) => `\n${gate.gate}: ${gate.detail.split('\n').slice(0, 12).join('\n  ')}`);
    process.stdout.write(`${table}\n${details.join('\n')}${details.length > 0 ? '\n' : ''}`);
  }
  return passed ? 0 : 1;
}
