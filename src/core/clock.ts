import { randomUUID } from 'node:crypto';

/** The source of time, injected so a test of a 3-hour limit takes milliseconds. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The source of ids, injected so tests and replays are deterministic. */
export type IdGenerator = (prefix: string) => string;

/** Sortable, readable ids: `run_20261126-230622_4f1c9a`. */
export const randomIdGenerator: IdGenerator = (prefix) => {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${prefix}_${stamp}_${randomUUID().slice(0, 6)}`;
};
