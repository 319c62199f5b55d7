import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so equal values always serialise to equal text whatever
 * order their keys were built in. `undefined` members are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(member).sort()) {
      sorted[key] = (member as Record<string, unknown>)[key];
    }
    return sorted;
  });
}

/** A sha256 hex digest of the canonical JSON of a value. */
export function stableHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
