import { installPythonDependencies } from '../../python/python-install.ts';
import { lintPythonProject } from '../../python/python-lint.ts';
import { buildPythonProject } from '../../python/python-stack.ts';
import { runPythonTests } from '../../python/python-test-run.ts';
import type { Stack } from '../../stack.ts';
import { fastApiEvidence } from './fastapi-evidence.ts';
import { fastApiStartCommand } from './fastapi-start.ts';

/**
 * FastAPI services: the Python stack's venv install (Debian's python3-fastapi counts), pytest
 * with FastAPI's TestClient (httpx), coverage.py, ruff or flake8, and uvicorn to serve.
 */
export const fastApiStack: Stack = {
  name: 'python',
  profile: 'fastapi',
  conventions: {
    title: 'FastAPI service (Python, uvicorn)',
    layout: [
      'The app in app/main.py as `app = FastAPI()` (with app/__init__.py), routes grouped in app/routers/*.py as `APIRouter`s, Pydantic models in app/schemas.py.',
      'A `GET /health` route returns {"status": "ok"}.',
      'Tests in tests/test_*.py with pytest and `from fastapi.testclient import TestClient` (`client = TestClient(app)`), importing `from app.main import app`.',
      'Dependencies in requirements.txt: fastapi, uvicorn, httpx, pytest.',
      'Run Python as .venv/bin/python (install makes it with the system packages); served by `uvicorn app.main:app`.',
    ].join(' '),
    testCommand: '.venv/bin/python -m pytest -q',
    singleTestCommand: '.venv/bin/python -m pytest -q {file}',
    keywords: ['fastapi', 'fast api', 'uvicorn', 'pydantic', 'starlette'],
  },
  detect: async (root) => (await fastApiEvidence(root)).length > 0,
  evidence: fastApiEvidence,
  install: installPythonDependencies,
  build: buildPythonProject,
  test: runPythonTests,
  lint: lintPythonProject,
  startCommand: fastApiStartCommand,
};
