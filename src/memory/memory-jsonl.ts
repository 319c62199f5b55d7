import { z } from 'zod';
import { parseJson } from '../core/index.ts';
import { newMemoryItemSchema, type MemoryItem, type NewMemoryItem } from './memory-item.ts';
import type { MemoryStore } from './memory-store.ts';

/**
 * One line of a memory JSONL file: an exported item (its store-given fields, such as
 * `seenCount`, are read leniently and left to the importing store), or just the fields of a
 * new item, as a person writes them by hand.
 */
const importLineSchema = z.looseObject({
  ...newMemoryItemSchema.shape,
  /** The id in the store it came from; kept only to restore supersession links. */
  id: z.string().min(1).optional(),
  supersededBy: z.string().min(1).nullish(),
});

/** A good line of an import file. */
export interface ImportLine {
  line: number;
  item: NewMemoryItem;
  /** The item's id and successor in the store it was exported from, if it says. */
  exportedId?: string;
  exportedSupersededBy?: string;
}

/** A line that cannot be imported, and why. */
export interface BadLine {
  line: number;
  problem: string;
}

/** The lines of a JSONL text, each checked on its own; blank lines are skipped. */
export function parseMemoryJsonl(text: string): { lines: ImportLine[]; bad: BadLine[] } {
  const lines: ImportLine[] = [];
  const bad: BadLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const parsed = parseJson(raw, importLineSchema);
    if (!parsed.success) {
      bad.push({ line, problem: parsed.error.replaceAll('\n', '; ') });
      return;
    }
    const { key, type, content, tags, severity, sourceRun, id, supersededBy } = parsed.value;
    lines.push({
      line,
      item: { key, type, content, tags, severity, sourceRun },
      ...(id === undefined ? {} : { exportedId: id }),
      ...(supersededBy ? { exportedSupersededBy: supersededBy } : {}),
    });
  });
  return { lines, bad };
}

/** An item as one JSONL line, without the newline. */
export function memoryJsonlLine(item: MemoryItem): string {
  return JSON.stringify(item);
}

export interface ImportResult {
  /** Lines written as new items. */
  created: number;
  /** Lines merged into an item the store held, or into an earlier line of the file. */
  merged: number;
  /** Supersession links of the exported store restored between imported items. */
  linked: number;
}

/**
 * Writes the good lines in one transaction (all of them or, on any error, none), merging
 * duplicates as every write does, then links superseded items to their successors when both
 * came from the same file.
 */
export async function importMemoryLines(
  memory: MemoryStore,
  lines: readonly ImportLine[],
): Promise<ImportResult> {
  const written = await memory.writeMany(lines.map((line) => line.item));
  const newIdOf = new Map<string, string>();
  lines.forEach((line, index) => {
    if (line.exportedId !== undefined) newIdOf.set(line.exportedId, written[index]!.id);
  });
  let linked = 0;
  for (const line of lines) {
    const oldId = line.exportedId && newIdOf.get(line.exportedId);
    const newId = line.exportedSupersededBy && newIdOf.get(line.exportedSupersededBy);
    if (!oldId || !newId || oldId === newId) continue;
    const [old, successor] = [await memory.get(oldId), await memory.get(newId)];
    // Already linked, or no longer linkable (merged into an item with a history of its own).
    if (!old || !successor || old.supersededBy !== null || successor.supersededBy !== null)
      continue;
    if (old.type !== successor.type) continue;
    await memory.supersede(oldId, newId);
    linked++;
  }
  const merged = written.filter((write) => write.merged).length;
  return { created: written.length - merged, merged, linked };
}
