import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { declaredPythonPackages } from '../../python/python-dependencies.ts';
import { readPythonSources, type PythonSource } from '../../python/python-sources.ts';
import { readOptionalText } from '../../report-directory.ts';

/** What a Django project's files say, read without running Python. */
export interface DjangoProject {
  /** manage.py exists at the root and mentions Django. */
  manage: boolean;
  /** `config.settings`: from manage.py's DJANGO_SETTINGS_MODULE, else a settings.py with INSTALLED_APPS. */
  settingsModule: string | null;
  /** The settings file, relative to the root. */
  settingsFile: string | null;
  /** `config.wsgi`: the module with `get_wsgi_application()`, beside the settings when there. */
  wsgiModule: string | null;
  /** The dependency file that names Django, or null. */
  declaredIn: string | null;
  /** gunicorn is declared, or already in the project's venv: install will have it in place. */
  gunicorn: boolean;
  /** pytest-django is declared or configured (`DJANGO_SETTINGS_MODULE` in pytest's settings). */
  pytestDjango: boolean;
  /** The health route of the URL configuration (`/health/`), else `/`. */
  healthPath: string;
}

const settingsDefault = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/;
const healthRoute =
  /\b(?:re_)?path\(\s*r?['"]\^?((?:api\/)?(?:health|healthz|healthcheck|ping)\/?)\$?['"]/;

const moduleOf = (path: string): string => path.replace(/\.py$/, '').replaceAll('/', '.');
const fileOf = (module: string): string => `${module.replaceAll('.', '/')}.py`;

/** Reads manage.py, the settings, WSGI and URL modules and the dependency files. */
export async function readDjangoProject(root: string): Promise<DjangoProject> {
  const [manageText, sources, declared, pytestIni, pyproject, setupCfg] = await Promise.all([
    readOptionalText(join(root, 'manage.py')),
    readPythonSources(root),
    declaredPythonPackages(root),
    readOptionalText(join(root, 'pytest.ini')),
    readOptionalText(join(root, 'pyproject.toml')),
    readOptionalText(join(root, 'setup.cfg')),
  ]);
  const manage = manageText !== null && /django/i.test(manageText);
  const settingsFromManage =
    manageText === null ? undefined : settingsDefault.exec(manageText)?.[1];
  const settingsSource =
    settingsFromManage !== undefined && existsSync(join(root, fileOf(settingsFromManage)))
      ? fileOf(settingsFromManage)
      : sources.find(
          (source) =>
            /(?:^|\/)settings\.py$/.test(source.path) && /^INSTALLED_APPS\s*=/m.test(source.text),
        )?.path;
  const settingsModule =
    settingsFromManage ?? (settingsSource === undefined ? null : moduleOf(settingsSource));
  return {
    manage,
    settingsModule,
    settingsFile: settingsSource ?? null,
    wsgiModule: wsgiModuleOf(sources, settingsModule),
    declaredIn: declared.get('django') ?? null,
    gunicorn: declared.has('gunicorn') || existsSync(join(root, '.venv/bin/gunicorn')),
    pytestDjango:
      declared.has('pytest-django') ||
      [pytestIni, pyproject, setupCfg].some((text) => /DJANGO_SETTINGS_MODULE/.test(text ?? '')),
    healthPath: healthPathOf(sources),
  };
}

/** The WSGI module beside the settings package, else any module calling get_wsgi_application. */
function wsgiModuleOf(
  sources: readonly PythonSource[],
  settingsModule: string | null,
): string | null {
  const isWsgi = (source: PythonSource): boolean => /get_wsgi_application\(/.test(source.text);
  const besideSettings =
    settingsModule === null
      ? null
      : `${settingsModule.split('.').slice(0, -1).join('/')}/wsgi.py`.replace(/^\//, '');
  const found =
    sources.find((source) => source.path === besideSettings && isWsgi(source)) ??
    sources.find(isWsgi);
  return found === undefined ? null : moduleOf(found.path);
}

/** `/health/` for `path("health/", ...)` in a urls.py; Django routes have no leading slash. */
function healthPathOf(sources: readonly PythonSource[]): string {
  for (const source of sources.filter((entry) => /(?:^|\/)urls\.py$/.test(entry.path))) {
    const route = healthRoute.exec(source.text)?.[1];
    if (route !== undefined) return `/${route}`;
  }
  return '/';
}
