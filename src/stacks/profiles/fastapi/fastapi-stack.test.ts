import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { explainStack } from '../../detect-stack.ts';
import { choosePython } from '../../python/python-interpreter.ts';
import { temporaryProject, type TemporaryProject } from '../../test-support/temporary-project.ts';
import { fastApiFixture } from './fastapi-fixture.ts';
import { fastApiStack } from './fastapi-stack.ts';

// Real processes on a shared, busy machine: far above what they take.
const slowTestTimeoutMs = 120_000;

let project: TemporaryProject | undefined;
afterEach(() => project?.remove());

describe('the FastAPI profile on a real project', () => {
  it(
    '[slow] is detected, installs offline from Debian packages, counts pytest results and measures coverage',
    async () => {
      project = await temporaryProject(fastApiFixture);
      const detection = await explainStack(project.root);
      expect(detection.stack).toBe(fastApiStack);
      expect(detection.evidence).toEqual([
        'requirements.txt (fastapi)',
        'app/main.py (app = FastAPI())',
      ]);

      const install = await fastApiStack.install(project.runner);
      expect(install.ok, install.output).toBe(true);
      expect(install.summary).toContain('all 4 requirement(s) already satisfied, pip not run');
      const venvConfig = readFileSync(join(project.root, '.venv/pyvenv.cfg'), 'utf8');
      expect(venvConfig).toMatch(/include-system-site-packages = true/);

      const report = await fastApiStack.test(project.runner, { coverage: true });
      expect(report).toMatchObject({ ran: true, runner: 'pytest', passed: 2, failed: 1, total: 3 });
      expect(report.failures.map((failure) => failure.message).join('\n')).toContain('wrong name');
      // unused() is never called: coverage is measured, and below 100.
      expect(report.coveragePercent).toBeGreaterThan(50);
      expect(report.coveragePercent).toBeLessThan(100);

      // The commands the conventions give agents work as written.
      const one = await project.runner.run({
        command: fastApiStack.conventions.singleTestCommand.replace('{file}', 'tests/test_main.py'),
      });
      expect(one.output).toMatch(/1 failed, 2 passed/);
    },
    slowTestTimeoutMs,
  );

  it('starts the module that creates the app with uvicorn from the venv, probing its health route', async () => {
    project = await temporaryProject(fastApiFixture);
    expect(await fastApiStack.startCommand(project.root)).toEqual({
      command: '.venv/bin/python -m uvicorn app.main:app --host 127.0.0.1 --port $PORT',
      portEnvVar: 'PORT',
      healthPath: '/health',
    });
    project.write({
      'app/main.py': '',
      'src/service/api.py': 'import fastapi\n\napi = fastapi.FastAPI()\n',
    });
    expect(await fastApiStack.startCommand(project.root)).toMatchObject({
      command:
        '.venv/bin/python -m uvicorn service.api:api --host 127.0.0.1 --port $PORT --app-dir src',
      healthPath: '/',
    });
  });

  it('is detected from the code alone, and not for a plain Python project', async () => {
    project = await temporaryProject({
      'service.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    });
    expect(await fastApiStack.evidence(project.root)).toEqual(['service.py (app = FastAPI())']);
    project = await temporaryProject({ 'requirements.txt': 'flask\n', 'app.py': 'import flask\n' });
    expect(await fastApiStack.detect(project.root)).toBe(false);
    expect((await explainStack(project.root)).stack?.profile).toBeNull();
  });

  it('builds its venv from the interpreter that has the requirements, not merely the first on PATH', async () => {
    project = await temporaryProject({ 'requirements.txt': 'fastapi\nuvicorn\n' });
    // `python3` first: on this machine it is a separate build without Debian's packages.
    const choice = await choosePython(project.runner, undefined, ['python3', '/usr/bin/python3']);
    expect(choice.chosen?.probe.executable).toBe('/usr/bin/python3');
    expect(choice.chosen?.missing).toEqual([]);
  });

  it(
    '[slow] says in one line that the index is unreachable, and what each interpreter lacked',
    async () => {
      project = await temporaryProject({
        'requirements.txt':
          '--index-url http://127.0.0.1:9/simple\nfastapi\nloki-surely-absent-package==9.9\n',
      });
      const started = Date.now();
      const install = await fastApiStack.install(project.runner);
      expect(install.ok).toBe(false);
      expect(install.missing).toEqual(['loki-surely-absent-package==9.9']);
      expect(install.summary).not.toContain('\n');
      expect(install.summary).toMatch(
        /^could not install 1 requirement\(s\): loki-surely-absent-package==9\.9 \(requirements\.txt\); the package index is unreachable \(the connection was refused\); interpreters tried: \/usr\/bin\/python3 \([\d.]+\) lacks loki-surely-absent-package==9\.9/,
      );
      expect(Date.now() - started).toBeLessThan(60_000);
    },
    slowTestTimeoutMs,
  );
});
