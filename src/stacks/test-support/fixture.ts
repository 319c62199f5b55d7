import { readFileSync } from 'node:fs';

/** The project root the captured fixtures were rewritten to (real paths differ per machine). */
export const fixtureRoot = '/tmp/project';

/** A captured tool output from `src/stacks/fixtures/`. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}
