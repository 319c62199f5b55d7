import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LokiError } from '../../core/index.ts';
import { guessHealthPath } from '../health-path.ts';
import { readOptionalText } from '../report-directory.ts';
import type { StartCommand } from '../stack.ts';
import { projectPython } from './python-environment.ts';

const entryCandidates = [
  'main.py',
  'app.py',
  'server.py',
  'wsgi.py',
  'asgi.py',
  'src/main.py',
  'src/app.py',
  'app/main.py',
];

/**
 * How to start a Python web project, reading `$PORT` from the environment: Django's manage.py,
 * a FastAPI app through uvicorn, a Flask app through `flask run`, else the entry script itself.
 */
export async function pythonStartCommand(root: string): Promise<StartCommand> {
  const python = projectPython(root);
  const port = (command: string, entry: string[]): Promise<StartCommand> =>
    guessHealthPath(root, entry).then((healthPath) => ({
      command,
      portEnvVar: 'PORT',
      healthPath,
    }));
  if (existsSync(join(root, 'manage.py'))) {
    return port(`${python} manage.py runserver 0.0.0.0:$PORT --noreload`, ['manage.py']);
  }
  for (const entry of entryCandidates) {
    const source = await readOptionalText(join(root, entry));
    if (source === null) continue;
    const module = entry
      .replace(/\.py$/, '')
      .replace(/^src\//, '')
      .replaceAll('/', '.');
    const fastApi = /^(\w+)\s*=\s*FastAPI\(/m.exec(source);
    if (fastApi)
      return port(`${python} -m uvicorn ${module}:${fastApi[1]} --host 0.0.0.0 --port $PORT`, [
        entry,
      ]);
    const flask = /^(\w+)\s*=\s*Flask\(/m.exec(source);
    if (flask)
      return port(
        `${python} -m flask --app ${module}:${flask[1]} run --host 0.0.0.0 --port $PORT`,
        [entry],
      );
    return port(`${python} ${entry}`, [entry]);
  }
  throw new LokiError({
    code: 'stacks.no-start-command',
    category: 'work-failed',
    message: `cannot tell how to start the Python project in ${root}: none of manage.py, ${entryCandidates.join(', ')} exists; add a main.py that serves on $PORT`,
    details: { root },
  });
}
