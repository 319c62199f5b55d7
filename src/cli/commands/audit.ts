import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { LokiError, parseJson } from '../../core/index.ts';
import {
  auditPolicySchema,
  failingFrom,
  formatReportText,
  severities,
  summaryLine,
  toSarif,
  type AuditPolicy,
} from '../../guard/index.ts';
import { chooseReportFormat, oneOf } from '../choose-format.ts';
import { auditDirectory } from '../../pipeline/index.ts';
import { exitCodes } from '../exit-codes.ts';
import { openJournal } from '../open-journal.ts';
import { projectDirectory } from '../project-directory.ts';
import { reportError } from '../report-error.ts';

export interface AuditCommandOptions {
  format?: string;
  json?: boolean;
  output?: string;
  failOn?: string;
  policy?: string;
  config?: string;
  journal?: string;
}

/**
 * `loki audit <dir>`: the security audit of a directory, journaled as a run of kind `audit`, as
 * a text table, the JSON report (`--json`) or SARIF, on stdout or in `--output`. Exit 0 when
 * the policy passes, 1 when it fails, 2 for bad input (a missing directory, an unknown format
 * or severity, an invalid policy file).
 */
export async function auditCommand(dir: string, options: AuditCommandOptions): Promise<number> {
  try {
    const format = chooseReportFormat(options);
    let policy = await readPolicy(options.policy);
    if (options.failOn !== undefined) {
      policy = failingFrom(policy, oneOf('--fail-on', options.failOn, [...severities, 'never']));
    }
    const root = await projectDirectory(dir);
    const { config } = await loadConfig({
      cwd: process.cwd(),
      homeDir: homedir(),
      env: process.env,
      configPath: options.config,
      flags: { journal: options.journal },
    });
    using journal = openJournal(config.journal);
    const { report, runId } = await auditDirectory({ journal, root, policy });
    const rendered =
      format === 'text'
        ? formatReportText(report)
        : `${JSON.stringify(format === 'json' ? { runId, ...report } : toSarif(report), null, 2)}\n`;
    if (options.output) {
      await mkdir(dirname(resolve(options.output)), { recursive: true });
      await writeFile(options.output, rendered);
      process.stderr.write(`${summaryLine(report)} Report: ${options.output}\n`);
    } else {
      process.stdout.write(rendered);
      if (format !== 'text') process.stderr.write(`${summaryLine(report)}\n`);
    }
    return report.passed ? exitCodes.ok : exitCodes.workFailed;
  } catch (error) {
    if (LokiError.isInstance(error)) return reportError(error, false);
    throw error;
  }
}

/** The policy in a JSON file (see `auditPolicySchema`), or the default policy. */
async function readPolicy(path: string | undefined): Promise<AuditPolicy> {
  if (path === undefined) return auditPolicySchema.parse({});
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new LokiError({
      code: 'guard.policy-unreadable',
      category: 'bad-input',
      message: `cannot read the audit policy ${path}: ${(cause as Error).message}`,
      details: { path },
      cause,
    });
  }
  const parsed = parseJson(text, auditPolicySchema);
  if (!parsed.success) {
    throw new LokiError({
      code: 'guard.policy-invalid',
      category: 'bad-input',
      message: `the audit policy ${path} is not valid:\n${parsed.error}`,
      details: { path },
    });
  }
  return parsed.value;
}
