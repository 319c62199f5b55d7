import { afterEach, describe, expect, it } from 'vitest';
import { detectStack, explainStack } from './detect-stack.ts';
import { nodeStack } from './node/node-stack.ts';
import { temporaryProject, type TemporaryProject } from './test-support/temporary-project.ts';

let project: TemporaryProject | undefined;
afterEach(() => project?.remove());

describe('detectStack', () => {
  it('finds Node by package.json', async () => {
    project = await temporaryProject({
      'package.json': '{ "name": "a", "scripts": { "test": "vitest" } }',
    });
    expect((await detectStack(project.root))?.name).toBe('node');
  });

  it('finds Python by pyproject.toml, setup.py, requirements.txt, or test files alone', async () => {
    project = await temporaryProject({ 'app/test_app.py': 'def test_x():\n    pass\n' });
    expect(await explainStack(project.root)).toMatchObject({
      stack: { name: 'python' },
      reason: 'Python: found app/test_app.py',
    });
  });

  it('prefers Python over a package.json that only names the project', async () => {
    project = await temporaryProject({
      'package.json': '{ "name": "docs" }',
      'pyproject.toml': '[project]\nname = "a"\n',
    });
    expect((await detectStack(project.root))?.name).toBe('python');
  });

  it('prefers Node when its package.json has scripts or dependencies, and says Python files are there too', async () => {
    project = await temporaryProject({
      'package.json': '{ "name": "web", "devDependencies": { "vite": "^7.0.0" } }',
      'requirements.txt': 'flask\n',
    });
    expect(await explainStack(project.root)).toMatchObject({
      stack: { name: 'node' },
      reason: 'Node: found package.json; Python files too (requirements.txt)',
    });
  });

  it('gives null with the reason when no stack is known', async () => {
    project = await temporaryProject({ 'README.md': '# nothing\n', 'main.go': 'package main\n' });
    expect(await detectStack(project.root)).toBeNull();
    expect((await explainStack(project.root)).reason).toContain('no known stack');
  });

  it('detects a project with an invalid package.json as Node, whose operations then say what is wrong', async () => {
    project = await temporaryProject({
      'package.json': '{ "name": "a", "scripts": { "test": 3 } }',
    });
    expect((await detectStack(project.root))?.name).toBe('node');
    await expect(nodeStack.test(project.runner)).rejects.toMatchObject({
      code: 'stacks.package-json-invalid',
      message: expect.stringContaining('scripts.test'),
    });
  });
});
