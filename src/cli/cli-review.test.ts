import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../journal/index.ts';
import { gitProject, portLesson, seededFiles } from '../review/testing/seeded-project.ts';
import { cleanEnvironment, createWorkspace, runLoki } from './testing/run-loki.ts';

interface JsonReview {
  runId: string;
  findings: {
    reviewer: string;
    rule: string;
    file: string;
    line: number;
    lessonId?: string;
    source: string;
  }[];
  reviewers: { name: string; promptTokens: number; modelSkipped?: string }[];
}

/** A scripted session: two reviewers find nothing, the architecture reviewer the lesson conflict. */
function session(cwd: string): string {
  const path = join(cwd, 'review-session.json');
  const empty = (agent: string) => ({ match: { agent }, object: { findings: [] }, repeat: true });
  writeFileSync(
    path,
    JSON.stringify({
      replies: [
        empty('security-reviewer'),
        empty('performance-reviewer'),
        {
          match: { agent: 'architecture-reviewer' },
          object: {
            findings: [
              {
                severity: 'medium',
                file: 'src/config.ts',
                line: 2,
                title: 'Hard-coded port',
                detail: 'Settings come from the environment, says the lesson.',
                lessonId: portLesson.id,
              },
            ],
          },
          repeat: true,
        },
      ],
    }),
  );
  return path;
}

describe('loki review (a real child process, real analyzers, scripted model)', () => {
  const { cwd, home } = createWorkspace();
  const env = cleanEnvironment(home);

  it('prints the findings as JSON (--json), exits 1 on a finding at or above high, and journals a review run', async () => {
    const root = gitProject(seededFiles);
    const lessons = join(cwd, 'lessons.json');
    writeFileSync(lessons, JSON.stringify([portLesson]));
    const result = await runLoki(
      ['review', root, '--json', '--lessons', lessons, '--model', `scripted/${session(cwd)}`],
      { cwd, env },
    );
    expect(result.code).toBe(1);
    const review = JSON.parse(result.stdout) as JsonReview;
    const where = review.findings.map(
      (finding) => `${finding.reviewer} ${finding.rule} ${finding.file}:${finding.line}`,
    );
    expect(where).toContain('security guard/injection.sql-concatenation src/users.ts:4');
    expect(where).toContain('performance perf/query-in-loop src/orders.ts:6');
    expect(
      where.some((line) => /^architecture arch\/no-circular src\/[ab]\.ts:1$/.test(line)),
    ).toBe(true);
    expect(review.findings).toContainEqual(
      expect.objectContaining({
        reviewer: 'architecture',
        file: 'src/config.ts',
        line: 2,
        lessonId: portLesson.id,
        source: 'model',
      }),
    );
    expect(
      review.reviewers.every((reviewer) => reviewer.promptTokens > 0 && !reviewer.modelSkipped),
    ).toBe(true);
    expect(result.stderr).toMatch(/Review failed: \d+ of \d+ finding\(s\) at or above high/);
    using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
    expect(journal.getRun(review.runId)).toMatchObject({
      status: 'failed',
      settings: { kind: 'review' },
    });
    expect(journal.listModelCalls(review.runId)).toHaveLength(3);
    const raised = journal
      .listEvents(review.runId)
      .filter((event) => event.type === 'finding-raised');
    expect(raised).toHaveLength(review.findings.length);
  }, 120_000);

  it('writes SARIF 2.1.0 to --output, and passes with --fail-on critical when nothing critical is left', async () => {
    const root = gitProject({ ...seededFiles, 'src/users.ts': 'export const none = 1;\n' });
    const output = join(mkdtempSync(join(tmpdir(), 'loki-sarif-')), 'out', 'review.sarif');
    const result = await runLoki(
      [
        'review',
        root,
        '--format',
        'sarif',
        '--output',
        output,
        '--fail-on',
        'critical',
        '--model',
        `scripted/${session(cwd)}`,
      ],
      { cwd, env },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Report: ${output}`);
    const sarif = JSON.parse(readFileSync(output, 'utf8')) as {
      version: string;
      $schema: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toContain('sarif-2.1.0');
    expect(sarif.runs.map((run) => run.tool.driver.name)).toEqual([
      'loki-security-reviewer',
      'loki-performance-reviewer',
      'loki-architecture-reviewer',
    ]);
    const performance = sarif.runs[1]!;
    const inLoop = performance.results.find((result) => result.ruleId === 'perf/query-in-loop')!;
    expect(inLoop.level).toBe('error');
    expect(inLoop.message.text.length).toBeGreaterThan(0);
    expect(inLoop.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/orders.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 6 },
    });
    for (const run of sarif.runs)
      for (const result of run.results)
        expect(run.tool.driver.rules.map((rule) => rule.id)).toContain(result.ruleId);
  }, 120_000);

  it('without a reachable model runs the analyzers and says the judgement was skipped', async () => {
    const root = gitProject({
      'src/index.ts': 'export const ok = (value: number): number => value + 1;\n',
    });
    const result = await runLoki(['review', root], {
      cwd,
      env: { ...env, LOKI_BASE_URL: 'http://127.0.0.1:9' },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('model judgement skipped');
    expect(result.stdout).toMatch(/^security: 0 analyzer finding\(s\), model judgement SKIPPED/m);
    expect(result.stdout).toMatch(
      /Review passed: 0 finding\(s\), none at or above high in the whole tree; analyzers only, the model judgement was skipped\./,
    );
  }, 120_000);

  it('reviews a Python project: SQL formatted into a query and a query in a loop, with file and line', async () => {
    const root = gitProject({
      'requirements.txt': '',
      'app/db.py': `def find_user(conn, name):
    return conn.execute("SELECT * FROM users WHERE name = '" + name + "'").fetchall()


def orders(conn, ids):
    result = []
    for i in ids:
        result.append(conn.execute("SELECT * FROM orders WHERE id = ?", (i,)).fetchone())
    return result
`,
    });
    const result = await runLoki(['review', root, '--no-model', '--json'], { cwd, env });
    expect(result.code).toBe(1);
    const review = JSON.parse(result.stdout) as JsonReview;
    expect(
      review.findings.map((finding) => `${finding.reviewer} ${finding.file}:${finding.line}`),
    ).toEqual(['security app/db.py:2', 'performance app/db.py:8']);
  }, 120_000);

  it('exits 2 naming the problem for a missing directory, a directory that is not a repository, an unknown base or format', async () => {
    const missing = await runLoki(['review', join(cwd, 'nope'), '--no-model'], { cwd, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope does not exist/);
    const plain = mkdtempSync(join(tmpdir(), 'loki-plain-'));
    const notRepository = await runLoki(['review', plain, '--no-model'], { cwd, env });
    expect(notRepository.code).toBe(2);
    expect(notRepository.stderr).toMatch(/is not a git repository/);
    const root = gitProject(seededFiles);
    const unknownBase = await runLoki(['review', root, '--base', 'no-such-rev', '--no-model'], {
      cwd,
      env,
    });
    expect(unknownBase.code).toBe(2);
    expect(unknownBase.stderr).toMatch(/--base no-such-rev is not a revision/);
    const badFormat = await runLoki(['review', root, '--format', 'xml'], { cwd, env });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/xml/);
  }, 120_000);
});
