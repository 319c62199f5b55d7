// Test support for memory and for the stages that use it: real SQLite files in temp folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { LokiError } from '../core/index.ts';
import type { NewMemoryItem } from './memory-item.ts';
import type { MemoryStore, MemoryStoreDependencies } from './memory-store.ts';
import { SqliteMemoryStore } from './sqlite-memory-store.ts';

/** A clock a test moves by hand (`clock.time = …`), and ids `mem_1`, `mem_2`, … */
export function testDependencies() {
  const clock = { time: 1_000, now: () => clock.time };
  let next = 0;
  return { clock, generateId: (prefix: string) => `${prefix}_${++next}` };
}

/** A memory file path in a fresh temp folder, removed when the current test ends. */
export function tempMemoryPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loki-memory-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'nested', 'memory.db');
}

/** A SQLite memory store on a real temp file with test time and ids, closed when the test ends. */
export function openTempMemoryStore(dependencies = testDependencies()) {
  const store = SqliteMemoryStore.open(tempMemoryPath(), dependencies);
  onTestFinished(() => store.close());
  return { store, clock: dependencies.clock };
}

/** Opens a fresh, empty store with the given clock and ids. */
export type OpenTestStore = (
  dependencies: Required<MemoryStoreDependencies>,
) => Promise<MemoryStore>;

/** Opens a store for one test, closed when the test ends. */
export function testStoreOpener(openStore: OpenTestStore) {
  return async () => {
    const dependencies = testDependencies();
    const store = await openStore(dependencies);
    onTestFinished(() => store.close());
    return { store, clock: dependencies.clock };
  };
}

/** A lesson to write, with any other fields. */
export const lesson = (content: string, extra: Partial<NewMemoryItem> = {}): NewMemoryItem => ({
  type: 'learned_lesson',
  content,
  ...extra,
});

/** A predicate for `rejects.toSatisfy`: a LokiError with this code. */
export function rejectsWith(code: string) {
  return (error: unknown) => LokiError.isInstance(error) && error.code === code;
}
