import { LokiError } from '../../../core/index.ts';
import { guessHealthPath } from '../../health-path.ts';
import { venvPython } from '../../python/python-environment.ts';
import { readPythonSources } from '../../python/python-sources.ts';
import type { StartCommand } from '../../stack.ts';
import { findFastApiApp, testFile } from './fastapi-app.ts';

/**
 * uvicorn serving the module that creates the app, on 127.0.0.1 and `$PORT`, from the venv
 * that install made (deployments install first). The health path is the route the code
 * declares (`/health`, `/healthz`, `/api/health`, `/ping`), else `/`.
 */
export async function fastApiStartCommand(root: string): Promise<StartCommand> {
  const sources = await readPythonSources(root);
  const app = findFastApiApp(sources);
  if (app === null) {
    throw new LokiError({
      code: 'stacks.no-start-command',
      category: 'work-failed',
      message: `cannot tell how to start the FastAPI project in ${root}: no module creates the app; add \`app = FastAPI()\` to app/main.py (or main.py)`,
      details: { root },
    });
  }
  const appDirectory = app.appDirectory === null ? '' : ` --app-dir ${app.appDirectory}`;
  const healthPath = await guessHealthPath(root, [
    app.file,
    ...sources
      .map((source) => source.path)
      .filter((path) => path !== app.file && !testFile.test(path)),
  ]);
  return {
    command: `${venvPython} -m uvicorn ${app.module}:${app.variable} --host 127.0.0.1 --port $PORT${appDirectory}`,
    portEnvVar: 'PORT',
    healthPath,
  };
}
