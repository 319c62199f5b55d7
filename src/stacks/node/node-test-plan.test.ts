import { describe, expect, it } from 'vitest';
import { planNodeTests, type NodeTestPlanInput } from './node-test-plan.ts';
import type { PackageJson } from './package-json.ts';

function plan(
  packageJson: PackageJson,
  overrides: Partial<NodeTestPlanInput> = {},
): ReturnType<typeof planNodeTests> {
  return planNodeTests({
    packageJson,
    coverage: false,
    vitestCoverageProvider: null,
    reportDirectory: 'r',
    ...overrides,
  });
}

describe('planNodeTests', () => {
  it('runs a plain vitest script directly, keeping its arguments and dropping watch mode', () => {
    const result = plan({ scripts: { test: 'vitest --config vitest.unit.ts --watch' } });
    expect(result).toMatchObject({ runner: 'vitest', jsonReport: 'r/vitest.json' });
    expect(result.command).toBe(
      'npx --no -- vitest run --config vitest.unit.ts --reporter=default --reporter=json --outputFile.json=r/vitest.json',
    );
  });

  it('adds v8 coverage to vitest when the provider is installed, and says so when it is not', () => {
    const withProvider = plan(
      { scripts: { test: 'vitest run' } },
      { coverage: true, vitestCoverageProvider: 'v8' },
    );
    expect(withProvider.command).toContain('--coverage.enabled=true --coverage.provider=v8');
    expect(withProvider.coverageSummary).toBe('r/coverage/coverage-summary.json');
    const without = plan({ scripts: { test: 'vitest run' } }, { coverage: true });
    expect(without.coverageSummary).toBeNull();
    expect(without.notes[0]).toContain('@vitest/coverage-v8');
  });

  it('runs jest with its JSON report and json-summary coverage', () => {
    const result = plan({ scripts: { test: 'jest --runInBand' } }, { coverage: true });
    expect(result.command).toBe(
      'npx --no -- jest --runInBand --json --outputFile=r/jest.json --coverage --coverageReporters=json-summary --coverageReporters=text-summary --coverageDirectory=r/coverage',
    );
  });

  it('runs node --test with spec for people and TAP for counts, replacing reporters of its own', () => {
    const result = plan(
      { scripts: { test: 'node --test --test-reporter=dot test/*.test.js' } },
      { coverage: true },
    );
    expect(result.command).toBe(
      'node --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination=r/node-test.tap --experimental-test-coverage --test test/*.test.js',
    );
  });

  it('runs composite or unknown scripts through npm test, saying why', () => {
    for (const test of ['tsc && vitest run', 'mocha', 'jest | tee log.txt']) {
      const result = plan({ scripts: { test } });
      expect(result).toMatchObject({ runner: 'npm test', command: 'npm test' });
      expect(result.notes[0]).toContain(test);
    }
  });

  it('without a test script, runs the declared runner, else node --test', () => {
    expect(plan({ devDependencies: { vitest: '^5' } }).runner).toBe('vitest');
    expect(plan({ devDependencies: { jest: '^30' } }).runner).toBe('jest');
    const nodeTest = plan({ scripts: { test: 'echo "Error: no test specified" && exit 1' } });
    expect(nodeTest).toMatchObject({ runner: 'node:test' });
    expect(nodeTest.command.endsWith(' --test')).toBe(true);
  });
});
