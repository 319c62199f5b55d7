import { describe, expect, it } from 'vitest';
import { taskSchema } from '../task-graph.ts';
import { mustFix, remediationWork, roleForFile } from './remediation-tasks.ts';
import { finding } from './test-support.ts';

describe('remediation work', () => {
  it('triages critical and high findings in, medium and below out', () => {
    const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
    expect(
      severities.map((severity) => mustFix(finding({ id: severity, file: 'a.js', severity }))),
    ).toEqual([true, true, false, false, false]);
  });

  it('groups findings by file into valid tasks scoped to that file, with a role that fits it', () => {
    const work = remediationWork(
      [
        { finding: finding({ id: 'f1', file: 'src/db/Users Repo.ts', reviewer: 'performance' }) },
        { finding: finding({ id: 'f2', file: 'src/App.tsx', reviewer: 'architecture' }) },
        { finding: finding({ id: 'f3', file: 'src/db/Users Repo.ts', line: 9 }) },
        {
          finding: finding({ id: 'f4', file: 'src/auth.js', lessonId: 'mem_1' }),
          lesson: { id: 'mem_1', text: 'Use scrypt.', remediation: 'Switch to scrypt.' },
        },
      ],
      2,
    );
    expect(work.map((item) => [item.task.id, item.task.role, item.scope, item.findingIds])).toEqual(
      [
        ['fix-r2-src-app-tsx', 'frontend', ['src/App.tsx'], ['f2']],
        ['fix-r2-src-auth-js', 'security', ['src/auth.js'], ['f4']],
        ['fix-r2-src-db-users-repo-ts', 'backend', ['src/db/Users Repo.ts'], ['f1', 'f3']],
      ],
    );
    for (const item of work) expect(taskSchema.safeParse(item.task).success).toBe(true);
    expect(work[1]?.task.description).toContain('It breaks the lesson [mem_1]: Use scrypt.');
  });

  it('gives tests, docs and delivery files to the agents of those trades', () => {
    expect(
      ['test/a.test.js', 'README.md', 'Dockerfile', '.github/workflows/ci.yml', 'src/x.py'].map(
        (file) => roleForFile(file),
      ),
    ).toEqual(['tests', 'docs', 'devops', 'devops', 'backend']);
  });
});
