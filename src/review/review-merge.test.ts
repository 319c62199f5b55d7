import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScriptedReply } from '../model/index.ts';
import { createTestGateway } from '../model/testing.ts';
import { reviewMerge } from './review-merge.ts';
import { reviewProduct } from './review-product.ts';
import {
  commitAll,
  gitProject,
  portLesson,
  seededFiles,
  writeFiles,
} from './testing/seeded-project.ts';

const clean = (agent: string): ScriptedReply => ({
  match: { agent },
  object: { findings: [] },
  repeat: true,
});
/** The architecture reviewer names the hard-coded port whenever it is shown config.ts. */
const portConflict: ScriptedReply = {
  match: { agent: 'architecture-reviewer', promptIncludes: 'export const port = 3000' },
  object: {
    findings: [
      {
        severity: 'high',
        file: 'src/config.ts',
        line: 2,
        title: 'Hard-coded port',
        detail: 'The lesson says settings come from the environment.',
        lessonId: portLesson.id,
      },
    ],
  },
  repeat: true,
};
const replies = [
  portConflict,
  clean('security-reviewer'),
  clean('performance-reviewer'),
  clean('architecture-reviewer'),
];

const git = (root: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd: root,
    encoding: 'utf8',
  }).trim();

/** Builds `files` on a branch of its own and merges it into main as parallel execution does. */
function mergeTask(root: string, name: string, files: Record<string, string>): string {
  git(root, 'checkout', '-q', '-b', name);
  writeFiles(root, files);
  commitAll(root, name);
  git(root, 'checkout', '-q', 'main');
  git(root, 'merge', '-q', '--no-ff', '-m', `Merge ${name}`, name);
  return git(root, 'rev-parse', 'HEAD');
}

const { 'src/a.ts': aFile, 'src/b.ts': bFile, 'src/config.ts': configFile, ...rest } = seededFiles;

describe('reviewMerge: the review of one task as it is merged', () => {
  it("reviews the merge commit's own change in a checkout apart, whatever main looks like since", async () => {
    const root = gitProject(rest);
    const first = mergeTask(root, 'config', { 'src/config.ts': configFile! });
    const second = mergeTask(root, 'cycle', { 'src/a.ts': aFile!, 'src/b.ts': bFile! });
    // Main's working tree moves on (a merge in progress, an edit): the review reads the commit.
    writeFileSync(join(root, 'src/config.ts'), 'export const port = Number(process.env.PORT);\n');
    const checkout = join(mkdtempSync(join(tmpdir(), 'loki-review-checkout-')), 'config');
    const { gateway, model } = createTestGateway({ replies });

    const merged = await reviewMerge({
      repository: root,
      commit: first,
      checkout,
      lessons: [portLesson],
      gateway,
    });

    expect(merged.base).toBe(git(root, 'rev-parse', `${first}^1`));
    expect(merged.review.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
      'model src/config.ts:2',
    ]);
    // Only config.ts changed; the cycle, merged later, is not this task's.
    expect(merged.prior.judgedFiles).toEqual(['src/config.ts']);
    expect(Object.keys(merged.prior.textHashes)).toEqual(['src/config.ts']);
    const prompts = model.calls.map((call) => JSON.stringify(call.prompt));
    expect(prompts.every((prompt) => !prompt.includes('src/a.ts'))).toBe(true);
    expect(existsSync(checkout)).toBe(false);
    expect(git(root, 'worktree', 'list')).not.toContain(checkout);

    const cycle = await reviewMerge({
      repository: root,
      commit: second,
      checkout,
      lessons: [portLesson],
      gateway,
    });
    expect(cycle.review.findings.map((f) => f.rule)).toContain('arch/no-circular');
  });

  it('leaves orphans to the whole tree: a module nothing imports yet may be wired in by a later task', async () => {
    const root = gitProject({ 'package.json': '{ "name": "x", "type": "module" }\n' });
    const commit = mergeTask(root, 'util', {
      'src/util.ts': 'export const twice = (n: number): number => n * 2;\n',
    });
    const checkout = join(mkdtempSync(join(tmpdir(), 'loki-review-checkout-')), 'util');
    const merged = await reviewMerge({
      repository: root,
      commit,
      checkout,
      lessons: [],
      gateway: null,
    });
    expect(merged.review.findings).toEqual([]);
    const whole = await reviewProduct({ root, lessons: [], gateway: null });
    expect(whole.findings.map((f) => f.rule)).toEqual(['arch/no-orphans']);
  });
});

describe('reviewProduct with the task reviews before it', () => {
  it('asks the model nothing about files judged as they are now, keeps its findings on them, and runs the analyzers on the whole tree', async () => {
    const root = gitProject(rest);
    const checkout = (name: string) =>
      join(mkdtempSync(join(tmpdir(), 'loki-review-checkout-')), name);
    const { gateway, model } = createTestGateway({ replies });
    const priors = [];
    for (const [name, files] of [
      ['config', { 'src/config.ts': configFile! }],
      ['a', { 'src/a.ts': aFile! }],
      ['b', { 'src/b.ts': bFile! }],
    ] as const) {
      const commit = mergeTask(root, name, files);
      const merged = await reviewMerge({
        repository: root,
        commit,
        checkout: checkout(name),
        lessons: [portLesson],
        gateway,
      });
      priors.push(merged.prior);
    }
    const taskCalls = model.calls.length;
    const taskTokens = priors
      .flatMap((prior) => prior.reviewers)
      .reduce((sum, report) => sum + report.promptTokens, 0);

    const old = await reviewProduct({
      root,
      lessons: [portLesson],
      gateway: createTestGateway({ replies }).gateway,
    });
    // The files no task changed (users.ts, orders.ts, …) were never judged: they are now.
    const first = await reviewProduct({ root, lessons: [portLesson], gateway, priors });
    expect(first.findings).toEqual(old.findings);
    const judgedNow = model.calls.slice(taskCalls).map((call) => JSON.stringify(call.prompt));
    expect(judgedNow.length).toBe(3);
    for (const prompt of judgedNow) {
      expect(prompt).not.toContain('## File src/config.ts');
      expect(prompt).not.toContain('## File src/a.ts');
    }

    // Once every file was judged as it is, the whole-tree review asks the model nothing.
    const untouched = Object.keys(rest).filter((file) => file.startsWith('src/'));
    const cover = mergeTask(
      root,
      'rest',
      Object.fromEntries(untouched.map((file) => [file, `${rest[file]!}// reviewed\n`])),
    );
    const restReview = await reviewMerge({
      repository: root,
      commit: cover,
      checkout: checkout('rest'),
      lessons: [portLesson],
      gateway,
    });
    const calls = model.calls.length;
    const all = [...priors, restReview.prior];
    const whole = await reviewProduct({ root, lessons: [portLesson], gateway, priors: all });
    expect(model.calls.length).toBe(calls);
    const oldWhole = await reviewProduct({
      root,
      lessons: [portLesson],
      gateway: createTestGateway({ replies }).gateway,
    });
    expect(whole.findings).toEqual(oldWhole.findings);
    expect(whole.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining([
        'arch/no-circular',
        'guard/injection.sql-concatenation',
        'perf/query-in-loop',
        'model',
      ]),
    );
    // The review's account includes what the task reviews read and spent.
    const tokens = whole.reviewers.reduce((sum, report) => sum + report.promptTokens, 0);
    expect(tokens).toBeGreaterThan(taskTokens);

    // A file changed after its review is judged again, and its old model finding is dropped.
    writeFiles(root, {
      'src/config.ts': '// Settings.\nexport const port = Number(process.env.PORT);\n',
    });
    commitAll(root, 'port from the environment');
    const after = await reviewProduct({ root, lessons: [portLesson], gateway, priors: all });
    expect(after.findings.filter((f) => f.source === 'model')).toEqual([]);
    const rejudged = model.calls.slice(calls).map((call) => JSON.stringify(call.prompt));
    expect(rejudged.length).toBe(3);
    expect(rejudged.every((prompt) => prompt.includes('src/config.ts'))).toBe(true);
  });
});
