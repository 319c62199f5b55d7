import { z } from 'zod';
import { parseJson } from '../core/index.ts';
import { newMemoryItemSchema, type MemoryItem, type NewMemoryItem } from './memory-item.ts';

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
