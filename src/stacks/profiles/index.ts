import type { Stack } from '../stack.ts';
import { expressStack } from './express/express-stack.ts';
import { reactViteStack } from './react-vite/react-vite-stack.ts';
import { webApiStack } from './web-api/web-api-stack.ts';

/**
 * The framework profiles, most specific first: detection takes the first whose evidence is
 * non-empty, before falling back to the language stacks.
 */
export const profileStacks: readonly Stack[] = [webApiStack, reactViteStack, expressStack];
