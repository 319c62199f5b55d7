import type { Stack } from '../stack.ts';
import { djangoStack } from './django/django-stack.ts';
import { expressStack } from './express/express-stack.ts';
import { fastApiStack } from './fastapi/fastapi-stack.ts';
import { reactViteStack } from './react-vite/react-vite-stack.ts';
import { webApiStack } from './web-api/web-api-stack.ts';

/**
 * The framework profiles, most specific first: detection takes the first whose evidence is
 * non-empty, before falling back to the language stacks. The front end + API pair comes
 * first, since its parts would otherwise be taken for a project of their own.
 */
export const profileStacks: readonly Stack[] = [
  webApiStack,
  reactViteStack,
  expressStack,
  djangoStack,
  fastApiStack,
];

export { djangoStartCommand, type DjangoStartOptions } from './django/django-start.ts';
/** What a Python project's dependency files name, read as text (for deployment artifacts). */
export { declaredPythonPackages } from '../python/python-dependencies.ts';
