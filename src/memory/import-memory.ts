import type { MemoryItem } from './memory-item.ts';
import type { ImportLine } from './memory-jsonl.ts';
import type { MemoryStore } from './memory-store.ts';
import { normaliseContent } from './merge-duplicate.ts';

export interface ImportResult {
  /** Lines written as new items. */
  created: number;
  /** Lines merged into an item the store held, or into an earlier line of the file. */
  merged: number;
  /**
   * Lines the store already held as they are: the item with the line's exported id, or, for
   * a superseded line, the item its successor already supersedes. Nothing is written for them.
   */
  unchanged: number;
  /** Supersession links of the exported store restored between imported items. */
  linked: number;
}

/** Whether a stored item is the one a line describes: same type, same normalised content. */
function sameItem(item: MemoryItem | undefined, line: ImportLine): item is MemoryItem {
  return (
    item !== undefined &&
    item.type === line.item.type &&
    normaliseContent(item.content) === normaliseContent(line.item.content)
  );
}

/**
 * Writes the good lines of an export, so that importing a file twice, into the store it came
 * from or into another, never piles up copies, and superseded lessons stay superseded by the
 * right successor.
 *
 * A line the store already holds (by its exported id, or, when superseded, among the items
 * its successor supersedes) is not written again. The others are written in waves, each in
 * one transaction that merges duplicates as every write does: first the lines that hold (no
 * successor in the file), then each superseded line once its successor is known, so it can be
 * matched against what that successor already supersedes. Last, each superseded line is
 * linked to its successor where neither is linked yet.
 */
export async function importMemoryLines(
  memory: MemoryStore,
  lines: readonly ImportLine[],
): Promise<ImportResult> {
  const result: ImportResult = { created: 0, merged: 0, unchanged: 0, linked: 0 };
  const exportedIds = new Set(lines.flatMap((line) => line.exportedId ?? []));
  const successorOf = (line: ImportLine) =>
    line.exportedSupersededBy !== undefined && exportedIds.has(line.exportedSupersededBy)
      ? line.exportedSupersededBy
      : undefined;
  /** Exported id to the id of the item it is in this store. */
  const newIdOf = new Map<string, string>();
  const newIds: (string | undefined)[] = lines.map(() => undefined);
  const resolve = (index: number, id: string) => {
    newIds[index] = id;
    const exportedId = lines[index]!.exportedId;
    if (exportedId !== undefined) newIdOf.set(exportedId, id);
  };

  let pending = lines.map((_, index) => index);
  while (pending.length > 0) {
    // Lines whose successor is resolved (or that have none); a cycle in a hand-edited file
    // is broken by taking every remaining line at once.
    let wave = pending.filter((index) => {
      const successor = successorOf(lines[index]!);
      return successor === undefined || newIdOf.has(successor);
    });
    if (wave.length === 0) wave = pending;
    const toWrite: number[] = [];
    for (const index of wave) {
      const held = await heldItemOf(memory, lines[index]!, successorOf, newIdOf);
      if (held === undefined) toWrite.push(index);
      else {
        resolve(index, held.id);
        result.unchanged++;
      }
    }
    const written =
      toWrite.length === 0
        ? []
        : await memory.writeMany(toWrite.map((index) => lines[index]!.item));
    written.forEach((write, position) => {
      resolve(toWrite[position]!, write.id);
      if (write.merged) result.merged++;
      else result.created++;
    });
    const done = new Set(wave);
    pending = pending.filter((index) => !done.has(index));
  }

  for (const [index, line] of lines.entries()) {
    const successor = successorOf(line);
    const oldId = newIds[index];
    const newId = successor === undefined ? undefined : newIdOf.get(successor);
    if (oldId === undefined || newId === undefined || oldId === newId) continue;
    const [old, next] = [await memory.get(oldId), await memory.get(newId)];
    // Already linked, or no longer linkable (merged into an item with a history of its own).
    if (!old || !next || old.supersededBy !== null || next.supersededBy !== null) continue;
    if (old.type !== next.type) continue;
    await memory.supersede(oldId, newId);
    result.linked++;
  }
  return result;
}

/** The item of the store that a line already is, if any (see `importMemoryLines`). */
async function heldItemOf(
  memory: MemoryStore,
  line: ImportLine,
  successorOf: (line: ImportLine) => string | undefined,
  newIdOf: ReadonlyMap<string, string>,
): Promise<MemoryItem | undefined> {
  if (line.exportedId !== undefined) {
    const byId = await memory.get(line.exportedId);
    if (sameItem(byId, line)) return byId;
  }
  const successor = successorOf(line);
  const successorId = successor === undefined ? undefined : newIdOf.get(successor);
  if (successorId === undefined) return undefined;
  const next = await memory.get(successorId);
  for (const id of next?.supersedes ?? []) {
    const superseded = await memory.get(id);
    if (sameItem(superseded, line)) return superseded;
  }
  return undefined;
}
