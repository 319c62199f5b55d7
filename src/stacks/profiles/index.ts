import type { Stack } from '../stack.ts';

/**
 * The framework profiles, most specific first: detection takes the first whose evidence is
 * non-empty, before falling back to the language stacks.
 */
export const profileStacks: readonly Stack[] = [];
