import { declaredPythonPackages } from '../../python/python-dependencies.ts';
import { readPythonSources } from '../../python/python-sources.ts';
import { fastApiImporters, findFastApiApp } from './fastapi-app.ts';

/**
 * Why a project is a FastAPI service, one item per fact: the dependency file that names
 * fastapi, the module that creates the app (or, failing that, a file that imports fastapi).
 * Empty when nothing says FastAPI.
 */
export async function fastApiEvidence(root: string): Promise<string[]> {
  const [declared, sources] = await Promise.all([
    declaredPythonPackages(root),
    readPythonSources(root),
  ]);
  const evidence: string[] = [];
  const dependencyFile = declared.get('fastapi');
  if (dependencyFile !== undefined) evidence.push(`${dependencyFile} (fastapi)`);
  const app = findFastApiApp(sources);
  if (app !== null) evidence.push(`${app.file} (${app.variable} = FastAPI())`);
  else {
    const importer = fastApiImporters(sources)[0];
    if (importer !== undefined) evidence.push(`${importer} (imports fastapi)`);
  }
  return evidence;
}
