import { LokiError } from '../core/index.ts';
import { normaliseTags, type MemoryType } from './memory-item.ts';
import type { MemoryFilter } from './memory-store.ts';

/** A filter in the form both stores turn into SQL. */
export interface ResolvedFilter {
  /** Empty: any type. */
  types: MemoryType[];
  /** Every one must be present. */
  tags: string[];
  includeSuperseded: boolean;
}

/** The default number of search hits. */
export const defaultSearchLimit = 20;

export function resolveFilter(filter: MemoryFilter = {}): ResolvedFilter {
  const types = filter.type === undefined ? [] : [filter.type].flat();
  return {
    types: [...new Set(types)],
    tags: normaliseTags(filter.tags ?? []),
    includeSuperseded: filter.includeSuperseded ?? false,
  };
}

/** Checks a limit given by a caller; throws `memory.invalid-limit` for anything but a count. */
export function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new LokiError({
      code: 'memory.invalid-limit',
      category: 'bad-input',
      message: `limit must be a whole number of 0 or more, not ${String(limit)}`,
      details: { limit },
    });
  }
  return limit;
}
