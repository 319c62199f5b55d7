import { afterEach, describe, expect, it } from 'vitest';
import { explainStack } from '../../detect-stack.ts';
import { temporaryProject, type TemporaryProject } from '../../test-support/temporary-project.ts';
import { djangoFixture } from './django-fixture.ts';
import { djangoStartCommand } from './django-start.ts';
import { djangoStack } from './django-stack.ts';

// Real processes on a shared, busy machine: far above what they take.
const slowTestTimeoutMs = 120_000;

let project: TemporaryProject | undefined;
afterEach(() => project?.remove());

describe('the Django profile on a real project', () => {
  it(
    "[slow] is detected, installs offline from Debian packages, counts Django's test runner results and measures coverage",
    async () => {
      project = await temporaryProject(djangoFixture);
      const detection = await explainStack(project.root);
      expect(detection.stack).toBe(djangoStack);
      expect(detection.evidence).toEqual([
        'manage.py',
        'config/settings.py (Django settings)',
        'requirements.txt (django)',
      ]);

      const install = await djangoStack.install(project.runner);
      expect(install.ok, install.output).toBe(true);
      expect(install.summary).toContain('all 1 requirement(s) already satisfied, pip not run');

      const report = await djangoStack.test(project.runner, { coverage: true });
      expect(report, report.output).toMatchObject({
        ran: true,
        runner: 'unittest',
        passed: 2,
        failed: 1,
        total: 3,
      });
      expect(report.command).toContain('manage.py test --noinput');
      expect(report.failures[0]?.name).toBe('notes.tests.NotesTest.test_note_wrongly');
      // The 404 branch of note() is never reached: coverage is measured, and below 100.
      expect(report.coveragePercent).toBeGreaterThan(50);
      expect(report.coveragePercent).toBeLessThan(100);

      // The commands the conventions give agents work as written.
      const one = await project.runner.run({
        command: djangoStack.conventions.singleTestCommand.replace('{file}', 'notes/tests.py'),
      });
      expect(one.output).toMatch(/Ran 3 tests[\s\S]*FAILED \(failures=1\)/);
    },
    slowTestTimeoutMs,
  );

  it(
    "[slow] falls back to Django's runner, saying so, when pytest-django is configured but not installed",
    async () => {
      project = await temporaryProject({
        ...djangoFixture,
        'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = config.settings\n',
      });
      const report = await djangoStack.test(project.runner);
      expect(report).toMatchObject({ runner: 'unittest', passed: 2, failed: 1, total: 3 });
      expect(report.notes).toContain(
        "pytest-django is configured but not importable: ran Django's test runner instead",
      );
    },
    slowTestTimeoutMs,
  );

  it('migrates before starting runserver, or gunicorn once the project declares it', async () => {
    project = await temporaryProject(djangoFixture);
    expect(await djangoStack.startCommand(project.root)).toEqual({
      command:
        '.venv/bin/python manage.py migrate --noinput && .venv/bin/python manage.py runserver 127.0.0.1:$PORT --noreload',
      portEnvVar: 'PORT',
      healthPath: '/health/',
    });
    project.write({ 'requirements.txt': 'django>=3.2\ngunicorn\n' });
    expect((await djangoStack.startCommand(project.root)).command).toBe(
      '.venv/bin/python manage.py migrate --noinput && .venv/bin/python -m gunicorn config.wsgi:application --bind 127.0.0.1:$PORT',
    );
    expect(
      (await djangoStartCommand(project.root, { python: 'python', host: '0.0.0.0' })).command,
    ).toBe(
      'python manage.py migrate --noinput && python -m gunicorn config.wsgi:application --bind 0.0.0.0:$PORT',
    );
  });

  it('is chosen before FastAPI and the language stacks, and not for a project without Django', async () => {
    project = await temporaryProject({
      'requirements.txt': 'Django==3.2\n',
      'shop/settings.py': 'INSTALLED_APPS = []\n',
    });
    expect(await djangoStack.evidence(project.root)).toEqual([
      'shop/settings.py (Django settings)',
      'requirements.txt (django)',
    ]);
    project = await temporaryProject({ 'requirements.txt': 'pytest\n', 'manage.py': 'print(1)\n' });
    expect(await djangoStack.detect(project.root)).toBe(false);
  });
});
