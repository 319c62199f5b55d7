import { describe, expect, it } from 'vitest';
import { openTempJournal, recordSampleRuns } from '../pipeline/stats/testing.ts';
import { cleanEnvironment, createWorkspace, runLoki } from './testing/run-loki.ts';

describe('loki stats (a real child process)', () => {
  it('prints per-run figures, success rate and trend of the recorded runs, as a table and as JSON', async () => {
    const journal = openTempJournal();
    await recordSampleRuns(journal);
    const { cwd, home } = createWorkspace();
    const env = cleanEnvironment(home);

    const text = await runLoki(['stats', '--journal', journal.path], { cwd, env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^run_\S+\s+succeeded .* 1\/1 gates\s+Shop$/m);
    expect(text.stdout).toMatch(/^run_\S+\s+failed .* -\s+Broken$/m);
    expect(text.stdout).toMatch(/^all\s+4\s+75 %\s+100 %/m);
    expect(text.stdout).toContain('Trend (newer half against older): success +50 points');

    const json = await runLoki(['stats', '--json', '--last', '3', '--journal', journal.path], {
      cwd,
      env,
    });
    expect(json.code).toBe(0);
    const stats = JSON.parse(json.stdout) as {
      runs: { title: string }[];
      overall: { successRate: number };
    };
    expect(stats.runs.map((run) => run.title)).toEqual(['Shop', 'Todo', 'Broken']);
    expect(stats.overall.successRate).toBeCloseTo(2 / 3, 12);
  }, 120_000);

  it('refuses an unknown --kind with exit 2 and names the valid ones', async () => {
    const { cwd, home } = createWorkspace();
    const result = await runLoki(['stats', '--kind', 'nope'], { cwd, env: cleanEnvironment(home) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown run kind "nope" in --kind; expected all, run, plan');
  });
});
