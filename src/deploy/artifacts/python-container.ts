import type { ProfileName, StartCommand } from '../../stacks/index.ts';
import { declaredPythonPackages, djangoStartCommand } from '../../stacks/profiles/index.ts';

/** How a Python product runs in its image, as far as its framework profile decides it. */
export interface PythonContainer {
  /** The command the container runs: the image's `python`, listening on 0.0.0.0. */
  startCommand: string;
  /** How CI runs the tests: pytest, or Django's runner. */
  testCommand: string;
  /** Packages the start command needs that the product's dependency files do not name. */
  impliedPackages: string[];
}

/**
 * The container's start command, test command and the packages they need, for a Python product.
 * FastAPI: the profile's uvicorn command. Django: migrations, then gunicorn (a production
 * server, installed in the image when the product does not declare it) on its WSGI module.
 * Others: the stack's command, with `flask`/`uvicorn`/`django` added only when the product has
 * no dependency files at all (`declaresDependencies` false).
 */
export async function pythonContainer(
  root: string,
  profile: ProfileName | null,
  start: StartCommand,
  declaresDependencies: boolean,
): Promise<PythonContainer> {
  const djangoRunner = profile === 'django' && !(await usesPytestDjango(root));
  const testCommand = djangoRunner ? 'python manage.py test --noinput' : 'python -m pytest';
  if (profile === 'django') {
    const django = await djangoStartCommand(root, {
      python: 'python',
      host: '0.0.0.0',
      server: 'gunicorn',
    });
    return {
      startCommand: django.command,
      testCommand,
      impliedPackages: await undeclared(root, ['django', 'gunicorn']),
    };
  }
  const startCommand = containerCommand(start.command);
  if (profile === 'fastapi') {
    return {
      startCommand,
      testCommand,
      impliedPackages: await undeclared(root, ['fastapi', 'uvicorn']),
    };
  }
  return {
    startCommand,
    testCommand,
    impliedPackages: declaresDependencies ? [] : packagesFor(startCommand),
  };
}

/**
 * The stack names this machine's interpreter (a venv, /usr/bin/python3) in each command of the
 * line; the image has `python`. A server bound to 127.0.0.1 would be unreachable from outside
 * its container: it binds 0.0.0.0 there.
 */
export function containerCommand(command: string): string {
  return command
    .replace(/(^|&&\s*)\S*python3?(?=\s)/g, '$1python')
    .replace(/\b127\.0\.0\.1(?=[:\s])/g, '0.0.0.0');
}

async function undeclared(root: string, packages: string[]): Promise<string[]> {
  const declared = await declaredPythonPackages(root);
  return packages.filter((name) => !declared.has(name));
}

async function usesPytestDjango(root: string): Promise<boolean> {
  return (await declaredPythonPackages(root)).has('pytest-django');
}

function packagesFor(command: string): string[] {
  if (/-m uvicorn\b/.test(command)) return ['fastapi', 'uvicorn'];
  if (/-m flask\b/.test(command)) return ['flask'];
  if (/manage\.py runserver/.test(command)) return ['django'];
  return [];
}
