import { describe, expect, it } from 'vitest';
import type { BuildReport, CommandStep, LintReport, TestReport } from '../../stack.ts';
import { combineBuilds, combineLints, combineTests } from './combined-reports.ts';

const report = (part: Partial<TestReport>): TestReport => ({
  ran: true,
  runner: 'vitest',
  passed: 0,
  failed: 0,
  skipped: 0,
  total: 0,
  durationMs: 10,
  coveragePercent: null,
  failures: [],
  output: '',
  exitCode: 0,
  timedOut: false,
  command: 'npx --no -- vitest run',
  notes: [],
  ...part,
});

describe('combineTests', () => {
  it('sums counts, names failures from the root and gives the mean coverage with each part in the notes', () => {
    const combined = combineTests([
      { folder: 'web', report: report({ passed: 2, total: 2, coveragePercent: 80 }) },
      {
        folder: 'api',
        report: report({
          passed: 1,
          failed: 1,
          total: 2,
          exitCode: 1,
          coveragePercent: 60,
          failures: [{ name: 'adds', message: 'expected 1', file: 'src/app.test.js' }],
        }),
      },
    ]);
    expect(combined).toMatchObject({
      passed: 3,
      failed: 1,
      total: 4,
      exitCode: 1,
      coveragePercent: 70,
      failures: [{ name: 'adds', file: 'api/src/app.test.js' }],
      command: '(cd web && npx --no -- vitest run) && (cd api && npx --no -- vitest run)',
    });
    expect(combined.notes).toEqual([
      'line coverage web/ 80.0%, api/ 60.0%; the figure is their mean',
    ]);
  });

  it('reports no coverage when one part did not measure it', () => {
    const combined = combineTests([
      { folder: 'web', report: report({ passed: 1, total: 1, coveragePercent: 90 }) },
      { folder: 'api', report: report({ passed: 1, total: 1 }) },
    ]);
    expect(combined.coveragePercent).toBeNull();
    expect(combined.notes.at(-1)).toMatch(/not measured for every part, so none is reported/);
  });
});

const step = (command: string, exitCode: number, output: string): CommandStep => ({
  command,
  exitCode,
  timedOut: false,
  durationMs: 5,
  output,
});

describe('combineBuilds', () => {
  it('fails when one part fails, naming both commands and showing both outputs', () => {
    const web: BuildReport = {
      ran: true,
      ok: true,
      reason: null,
      step: step('npm run build', 0, 'built'),
    };
    const api: BuildReport = {
      ran: true,
      ok: false,
      reason: null,
      step: step('npm run build', 2, 'TS2322'),
    };
    const combined = combineBuilds([
      { folder: 'web', report: web },
      { folder: 'api', report: api },
    ]);
    expect(combined).toMatchObject({
      ran: true,
      ok: false,
      step: { command: '(cd web && npm run build) && (cd api && npm run build)', exitCode: 2 },
    });
    expect(combined.step!.output).toMatch(/== web\/ ==\nbuilt[\s\S]*== api\/ ==\nTS2322/);
  });

  it('says why nothing ran when neither part has a build', () => {
    const none: BuildReport = {
      ran: false,
      ok: true,
      reason: 'package.json has no build script',
      step: null,
    };
    expect(
      combineBuilds([
        { folder: 'web', report: none },
        { folder: 'api', report: none },
      ]),
    ).toEqual({
      ran: false,
      ok: true,
      reason: 'web/: package.json has no build script; api/: package.json has no build script',
      step: null,
    });
  });
});

describe('combineLints', () => {
  it("sums both parts' problems, their files named from the product's root", () => {
    const web: LintReport = {
      ran: true,
      linter: 'eslint',
      reason: null,
      errors: 1,
      warnings: 0,
      problems: [
        {
          file: 'src/App.tsx',
          line: 3,
          column: 1,
          severity: 'error',
          rule: 'no-undef',
          message: 'x is not defined',
        },
      ],
      output: 'src/App.tsx:3:1 error x is not defined',
      exitCode: 1,
      command: 'npx --no -- eslint .',
    };
    const api: LintReport = {
      ran: false,
      linter: null,
      reason: 'no linter configured',
      errors: 0,
      warnings: 0,
      problems: [],
      output: '',
      exitCode: null,
      command: '',
    };
    expect(
      combineLints([
        { folder: 'web', report: web },
        { folder: 'api', report: api },
      ]),
    ).toMatchObject({
      ran: true,
      linter: 'eslint',
      errors: 1,
      problems: [{ file: 'web/src/App.tsx', rule: 'no-undef' }],
      reason: 'api/: no linter configured',
      exitCode: 1,
      command: '(cd web && npx --no -- eslint .)',
    });
  });
});
