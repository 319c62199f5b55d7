import { readDjangoProject } from './django-project.ts';

/**
 * Why a project is a Django project, one item per fact: manage.py, the settings module, the
 * dependency file naming Django. Empty when none of them is there.
 */
export async function djangoEvidence(root: string): Promise<string[]> {
  const project = await readDjangoProject(root);
  return [
    ...(project.manage ? ['manage.py'] : []),
    ...(project.settingsFile === null ? [] : [`${project.settingsFile} (Django settings)`]),
    ...(project.declaredIn === null ? [] : [`${project.declaredIn} (django)`]),
  ];
}
