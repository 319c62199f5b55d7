import type { MemoryItem } from '../../memory/index.ts';
import { formatTable } from '../format-table.ts';

/** Content cut to one line of a table. */
const contentWidth = 80;

function oneLine(text: string, width = contentWidth): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

function day(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

/** Items as a table, with a SCORE column when search scores are given. */
export function itemTable(items: readonly MemoryItem[], scores?: readonly number[]): string {
  const headers = ['ID', 'TYPE', 'SEVERITY', ...(scores ? ['SCORE'] : []), 'UPDATED', 'CONTENT'];
  return formatTable(
    headers,
    items.map((item, index) => [
      item.supersededBy ? `${item.id} (superseded)` : item.id,
      item.type,
      item.severity,
      ...(scores ? [(scores[index] ?? 0).toFixed(2)] : []),
      day(item.updatedAt),
      oneLine(item.content),
    ]),
  );
}

/** One item in full, with the items it is linked to by supersession. */
export function describeItem(item: MemoryItem, linked: ReadonlyMap<string, MemoryItem>): string {
  const link = (id: string) => {
    const other = linked.get(id);
    return other ? `${id}: ${oneLine(other.content, 70)}` : id;
  };
  const lines = [
    `${item.id} (${item.type}, ${item.severity})`,
    ...(item.key ? [`Key:         ${item.key}`] : []),
    `Tags:        ${item.tags.length > 0 ? item.tags.join(', ') : '(none)'}`,
    `Source run:  ${item.sourceRun ?? '(none)'}`,
    `Seen:        ${item.seenCount} time${item.seenCount === 1 ? '' : 's'}`,
    `Created:     ${new Date(item.createdAt).toISOString()}`,
    `Updated:     ${new Date(item.updatedAt).toISOString()}`,
    `Superseded by: ${item.supersededBy ? link(item.supersededBy) : '(none: it holds)'}`,
    ...(item.supersedes.length > 0
      ? ['Supersedes:', ...item.supersedes.map((id) => `  ${link(id)}`)]
      : []),
    '',
    item.content,
  ];
  return lines.join('\n');
}
