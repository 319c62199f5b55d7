import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../guard/test-support.ts';
import { Journal } from '../journal/index.ts';
import { cleanEnvironment, createWorkspace, runLoki } from './testing/run-loki.ts';

const { cwd, home } = createWorkspace();
const env = cleanEnvironment(home);
const audit = (...args: string[]) => runLoki(['audit', ...args], { cwd, env });

describe('loki audit', () => {
  it('exits 0 for a clean directory and says so', async () => {
    const dir = writeTree({ 'src/app.ts': 'export const answer = 42;\n' });
    const result = await audit(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Audit passed: 0 finding\(s\)/);
  });

  it('exits 1 and tables the findings when the policy fails', async () => {
    const dir = writeTree({ 'src/app.js': 'const role = "user\u202E";\neval(input);\n' });
    const result = await audit(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/! high +src\/app\.js:1:19 +unicode\.bidi-control/);
    expect(result.stdout).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(result.stdout).toMatch(/Audit failed: 2 of 2 finding\(s\) fail the policy/);
  });

  it('writes SARIF to a file and keeps stdout for results only', async () => {
    const dir = writeTree({ 'src/app.js': 'eval(input);\n' });
    const output = join(cwd, 'reports', 'audit.sarif');
    const result = await audit(dir, '--format', 'sarif', '--output', output);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Report: ${output}`);
    const sarif = JSON.parse(readFileSync(output, 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(1);
  });

  it('prints the JSON report, and --fail-on changes the verdict', async () => {
    const dir = writeTree({ 'src/page.js': 'element.innerHTML = comment;\n' });
    const lenient = await audit(dir, '--format', 'json');
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout)).toMatchObject({
      passed: true,
      findings: [{ ruleId: 'injection.html-sink' }],
    });
    expect((await audit(dir, '--fail-on', 'high')).code).toBe(1);
  });

  it('journals each audit as a run of kind audit, with --json short for --format json', async () => {
    const dir = writeTree({ 'src/app.js': 'eval(input);\n' });
    const result = await audit(dir, '--json');
    expect(result.code).toBe(1);
    const printed = JSON.parse(result.stdout) as { runId: string; passed: boolean };
    expect(printed.passed).toBe(false);
    using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
    expect(journal.getRun(printed.runId)).toMatchObject({
      status: 'failed',
      settings: { kind: 'audit' },
      outDir: dir,
    });
    const raised = journal
      .listEvents(printed.runId)
      .filter((event) => event.type === 'finding-raised');
    expect(raised.map((event) => event.data)).toEqual([
      expect.objectContaining({ source: 'guard', file: 'src/app.js', line: 1, blocking: true }),
    ]);
    const runs = await runLoki(['runs', '--json'], { cwd, env });
    expect(JSON.parse(runs.stdout)).toContainEqual(
      expect.objectContaining({ runId: printed.runId }),
    );
    const status = await runLoki(['status', printed.runId], { cwd, env });
    expect(status.stdout).toContain(`Kind     loki audit\nDir      ${dir}`);
    expect(status.stdout).toMatch(/Security audit +done +Audit failed: 1 of 1 finding/);
    const conflicting = await audit(dir, '--json', '--format', 'sarif');
    expect(conflicting.code).toBe(2);
    expect(conflicting.stderr).toMatch(/--json and --format sarif/);
  }, 120_000);

  it('reads a policy file', async () => {
    const dir = writeTree({ 'src/app.js': 'eval(input);\n' });
    const policy = join(cwd, 'policy.json');
    writeFileSync(policy, JSON.stringify({ rules: { 'injection.eval': 'off' } }));
    expect((await audit(dir, '--policy', policy)).code).toBe(0);
    writeFileSync(policy, JSON.stringify({ failOn: { injection: 'sometimes' } }));
    const bad = await audit(dir, '--policy', policy);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('failOn.injection');
  });

  it('exits 2 for a missing directory or an unknown format', async () => {
    const missing = await audit(join(cwd, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope does not exist/);
    expect((await audit(cwd, '--format', 'xml')).code).toBe(2);
  });
});
