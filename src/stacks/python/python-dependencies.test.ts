import { afterEach, describe, expect, it } from 'vitest';
import { temporaryProject, type TemporaryProject } from '../test-support/temporary-project.ts';
import { declaredPythonPackages } from './python-dependencies.ts';

let project: TemporaryProject | undefined;
afterEach(() => project?.remove());

describe('declaredPythonPackages', () => {
  it('names the packages of requirement files and pyproject.toml, normalized, first file first', async () => {
    project = await temporaryProject({
      'requirements.txt':
        '# web\n--index-url https://example.test/simple\nFastAPI>=0.100\nuvicorn[standard]\n',
      'requirements-dev.txt': '-r requirements.txt\npytest_django==4.5 ; python_version > "3"\n',
      'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["Django>=4", "fastapi"]\n',
    });
    const declared = await declaredPythonPackages(project.root);
    expect(Object.fromEntries(declared)).toMatchObject({
      fastapi: 'requirements.txt',
      uvicorn: 'requirements.txt',
      'pytest-django': 'requirements-dev.txt',
      django: 'pyproject.toml',
    });
    expect(declared.has('index-url')).toBe(false);
  });
});
