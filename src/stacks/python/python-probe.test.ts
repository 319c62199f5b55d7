import { afterEach, describe, expect, it } from 'vitest';
import { temporaryProject, type TemporaryProject } from '../test-support/temporary-project.ts';
import { basePython } from './python-environment.ts';
import { probePython } from './python-probe.ts';

let project: TemporaryProject | undefined;
afterEach(() => project?.remove());

describe('probePython', () => {
  it('reads requirement files (following -r), pyproject dependencies and test extras, with markers', async () => {
    project = await temporaryProject({
      'requirements.txt':
        '# runtime\npytest>=7  # tests\n-r requirements/more.txt\n--index-url https://example.invalid/simple\n',
      'requirements/more.txt': 'pytest<1\n',
      'pyproject.toml':
        '[project]\nname = "a"\ndependencies = ["loki-absent>=1", "coverage; python_version < \'3\'"]\n[project.optional-dependencies]\ntest = ["pytest"]\n',
    });
    const { probe } = await probePython(project.runner, basePython());
    expect(
      probe?.requirements.map(({ requirement, source, satisfied }) => [
        requirement,
        source,
        satisfied,
      ]),
    ).toEqual([
      ['pytest>=7', 'requirements.txt', true],
      ['pytest<1', 'requirements/more.txt', false],
      ['loki-absent>=1', 'pyproject.toml', false],
      ["coverage; python_version < '3'", 'pyproject.toml', true],
      ['pytest', 'pyproject.toml', true],
    ]);
    expect(probe?.modules).toMatchObject({ pytest: true, coverage: true });
  });

  it('reads a literal install_requires from setup.py without running it', async () => {
    project = await temporaryProject({
      'setup.py':
        'import sys\nfrom setuptools import setup\nsetup(name="a", install_requires=["pytest", "loki-absent"])\nsys.exit(3)\n',
    });
    const { probe } = await probePython(project.runner, basePython());
    expect(probe?.requirements.map(({ name, satisfied }) => [name, satisfied])).toEqual([
      ['pytest', true],
      ['loki-absent', false],
    ]);
  });

  it('reports a broken pyproject.toml instead of failing', async () => {
    project = await temporaryProject({ 'pyproject.toml': '[project\nname = ' });
    const { probe } = await probePython(project.runner, basePython());
    expect(probe?.errors[0]).toContain('pyproject_lines');
  });
});
