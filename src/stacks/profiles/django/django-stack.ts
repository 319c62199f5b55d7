import { installPythonDependencies } from '../../python/python-install.ts';
import { lintPythonProject } from '../../python/python-lint.ts';
import { buildPythonProject } from '../../python/python-stack.ts';
import type { Stack } from '../../stack.ts';
import { djangoEvidence } from './django-evidence.ts';
import { djangoStartCommand } from './django-start.ts';
import { runDjangoTests } from './django-test-run.ts';

/**
 * Django projects: the Python stack's venv install (Debian's python3-django counts), Django's
 * test runner (pytest when pytest-django is there), coverage.py, ruff or flake8, and migrations
 * before gunicorn or `runserver`.
 */
export const djangoStack: Stack = {
  name: 'python',
  profile: 'django',
  conventions: {
    title: 'Django web application (Python)',
    layout: [
      'A project made by `django-admin startproject config .`: manage.py at the root, settings in config/settings.py (SQLite by default; SECRET_KEY, DEBUG and ALLOWED_HOSTS read from the environment), URLs in config/urls.py, WSGI in config/wsgi.py.',
      'Each app a folder beside config/ (made by `manage.py startapp`), listed in INSTALLED_APPS, with models.py, views.py, urls.py included from config/urls.py, and migrations/ committed (`manage.py makemigrations`).',
      'A health view at `path("health/", ...)` answering 200.',
      "Tests in each app's tests.py (or tests/test_*.py) as `django.test.TestCase` classes, using `self.client`.",
      'Dependencies in requirements.txt: django, gunicorn.',
      'Run Python as .venv/bin/python (install makes it with the system packages).',
    ].join(' '),
    testCommand: '.venv/bin/python manage.py test --noinput',
    // Django's runner takes a folder and a file pattern, not a file path; `{file}` appears once.
    singleTestCommand:
      'f={file}; .venv/bin/python manage.py test --noinput "$(dirname "$f")" -p "$(basename "$f")"',
    keywords: ['django', 'django rest framework', 'django orm', 'django admin'],
  },
  detect: async (root) => (await djangoEvidence(root)).length > 0,
  evidence: djangoEvidence,
  install: installPythonDependencies,
  build: buildPythonProject,
  test: runDjangoTests,
  lint: lintPythonProject,
  startCommand: (root) => djangoStartCommand(root),
};
