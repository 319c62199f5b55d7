import type { Stack } from '../stack.ts';
import { djangoStack } from './django/django-stack.ts';
import { fastApiStack } from './fastapi/fastapi-stack.ts';

/**
 * The framework profiles, most specific first: detection takes the first whose evidence is
 * non-empty, before falling back to the language stacks.
 */
export const profileStacks: readonly Stack[] = [djangoStack, fastApiStack];

export { djangoStartCommand, type DjangoStartOptions } from './django/django-start.ts';
/** What a Python project's dependency files name, read as text (for deployment artifacts). */
export { declaredPythonPackages } from '../python/python-dependencies.ts';
