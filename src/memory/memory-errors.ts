import type { z } from 'zod';
import { LokiError, describeZodIssues } from '../core/index.ts';
import type { MemoryItem } from './memory-item.ts';

/** An id the store does not hold. */
export function memoryNotFound(id: string, location: string): LokiError {
  return new LokiError({
    code: 'memory.not-found',
    category: 'bad-input',
    message: `there is no memory "${id}" in ${location}; find ids with loki memory list or search`,
    details: { id, location },
  });
}

/**
 * Why `oldItem` cannot be superseded by `newItem`, or `undefined` when it can. Refusing a
 * successor that is itself superseded also rules out cycles: a cycle needs one.
 */
export function supersedeProblem(oldItem: MemoryItem, newItem: MemoryItem): LokiError | undefined {
  const refuse = (reason: string) =>
    new LokiError({
      code: 'memory.cannot-supersede',
      category: 'bad-input',
      message: `"${newItem.id}" cannot supersede "${oldItem.id}": ${reason}`,
      details: { oldId: oldItem.id, newId: newItem.id },
    });
  if (oldItem.id === newItem.id) return refuse('an item cannot supersede itself');
  if (oldItem.type !== newItem.type) {
    return refuse(`they are of different types (${oldItem.type}, ${newItem.type})`);
  }
  if (oldItem.supersededBy !== null) {
    return refuse(
      `"${oldItem.id}" is already superseded by "${oldItem.supersededBy}"; supersede that one instead`,
    );
  }
  if (newItem.supersededBy !== null) {
    return refuse(
      `"${newItem.id}" is itself superseded by "${newItem.supersededBy}"; use the current item`,
    );
  }
  return undefined;
}

/** A stored memory schema newer than this Loki knows. */
export function newerMemorySchema(location: string, version: number, known: number): LokiError {
  return new LokiError({
    code: 'memory.newer-schema',
    category: 'bad-input',
    message:
      `the memory store ${location} has schema version ${version}, but this Loki knows versions ` +
      `up to ${known}; upgrade Loki to use it`,
    details: { location, version, supported: known },
  });
}

/**
 * Parses one row read back from a store. A row that does not fit (a hand-edited database, a
 * bug in a writer) throws `memory.unreadable-row` instead of travelling on under a false type.
 */
export function readMemoryRow<Schema extends z.ZodType>(
  schema: Schema,
  row: unknown,
  location: string,
): z.infer<Schema> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  throw new LokiError({
    code: 'memory.unreadable-row',
    category: 'internal',
    message: `a memory in ${location} cannot be read:\n${describeZodIssues(result.error)}`,
    details: { location },
  });
}
