import { LokiError } from '../../../core/index.ts';
import { venvPython } from '../../python/python-environment.ts';
import type { StartCommand } from '../../stack.ts';
import { readDjangoProject } from './django-project.ts';

/** Where and how a Django project is started. */
export interface DjangoStartOptions {
  /** The interpreter; default the venv that install made (deployments install first). */
  python?: string;
  /** The address to bind; default 127.0.0.1 (behind Loki's proxy). A container needs 0.0.0.0. */
  host?: string;
  /** `auto` (default): gunicorn when the project declares it or its venv has it, else runserver. */
  server?: 'auto' | 'gunicorn' | 'runserver';
}

/**
 * Migrations first (a fresh release has an empty database), then the server on `$PORT`:
 * gunicorn on the project's WSGI module, or Django's own `runserver` without the autoreloader
 * (which would fork a second server the supervisor does not know). Health path: the URL
 * configuration's health route, else `/`.
 */
export async function djangoStartCommand(
  root: string,
  options: DjangoStartOptions = {},
): Promise<StartCommand> {
  const project = await readDjangoProject(root);
  if (!project.manage) {
    throw new LokiError({
      code: 'stacks.no-start-command',
      category: 'work-failed',
      message: `cannot tell how to start the Django project in ${root}: there is no manage.py; create the project with \`django-admin startproject config .\``,
      details: { root },
    });
  }
  const python = options.python ?? venvPython;
  const host = options.host ?? '127.0.0.1';
  const server = options.server ?? 'auto';
  const gunicorn =
    project.wsgiModule !== null &&
    (server === 'gunicorn' || (server === 'auto' && project.gunicorn));
  const serve = gunicorn
    ? `${python} -m gunicorn ${project.wsgiModule}:application --bind ${host}:$PORT`
    : `${python} manage.py runserver ${host}:$PORT --noreload`;
  return {
    command: `${python} manage.py migrate --noinput && ${serve}`,
    portEnvVar: 'PORT',
    healthPath: project.healthPath,
  };
}
