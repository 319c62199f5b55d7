import {
  openMemoryStore,
  resolveMemoryLocation,
  type MemoryStore,
  type MemoryType,
  type Severity,
} from '../../memory/index.ts';
import { LokiError } from '../../core/index.ts';
import { describeItem, itemTable } from './memory-format.ts';

/** Where the store is: `--memory`, else LOKI_MEMORY_URL, LOKI_MEMORY_PATH, ~/.loki/memory.db. */
export interface MemoryTargetOptions {
  memory?: string;
  json?: boolean;
}

export interface MemoryFilterOptions extends MemoryTargetOptions {
  type?: MemoryType;
  /** Comma-separated; an item must carry every one. */
  tags?: string;
  limit?: number;
  /** Also superseded items. */
  all?: boolean;
}

/** Opens the store the options name, runs `work` and closes it, also when `work` throws. */
export async function withMemoryStore<T>(
  options: MemoryTargetOptions,
  work: (memory: MemoryStore) => Promise<T>,
): Promise<T> {
  const location = resolveMemoryLocation({ target: options.memory, env: process.env });
  await using memory = await openMemoryStore(location);
  return await work(memory);
}

/** `--tags a,b c` as a list: commas and spaces both separate. */
export function tagsOf(tags: string | undefined): string[] {
  return (tags ?? '').split(/[\s,]+/).filter(Boolean);
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** `loki memory add <content>`: stores a lesson (or feedback, or macro); a duplicate merges. */
export function memoryAddCommand(
  content: string,
  options: MemoryTargetOptions & {
    type?: MemoryType;
    tags?: string;
    severity?: Severity;
    key?: string;
  },
): Promise<number> {
  return withMemoryStore(options, async (memory) => {
    const { item, merged } = await memory.write({
      type: options.type ?? 'learned_lesson',
      content,
      tags: tagsOf(options.tags),
      severity: options.severity,
      key: options.key,
    });
    if (options.json) print(JSON.stringify({ ...item, merged }));
    else
      print(
        merged
          ? `Merged into ${item.id} (seen ${item.seenCount} times) in ${memory.location}`
          : `Added ${item.id} to ${memory.location}`,
      );
    return 0;
  });
}

/** `loki memory search <query>`: best match first, as a table or JSON. */
export function memorySearchCommand(query: string, options: MemoryFilterOptions): Promise<number> {
  return withMemoryStore(options, async (memory) => {
    const hits = await memory.search(query, {
      type: options.type,
      tags: tagsOf(options.tags),
      limit: options.limit,
      includeSuperseded: options.all,
    });
    if (options.json) print(JSON.stringify(hits, null, 2));
    else if (hits.length === 0) print(`Nothing in ${memory.location} matches "${query}".`);
    else
      print(
        itemTable(
          hits.map((hit) => hit.item),
          hits.map((hit) => hit.score),
        ),
      );
    return 0;
  });
}

/** `loki memory list`: most recently updated first. */
export function memoryListCommand(options: MemoryFilterOptions): Promise<number> {
  return withMemoryStore(options, async (memory) => {
    const items = await memory.list({
      type: options.type,
      tags: tagsOf(options.tags),
      limit: options.limit,
      includeSuperseded: options.all,
    });
    if (options.json) print(JSON.stringify(items, null, 2));
    else if (items.length === 0) {
      const filtered = options.type !== undefined || tagsOf(options.tags).length > 0;
      print(
        filtered
          ? `No memories in ${memory.location} match the filter.`
          : `No memories in ${memory.location} yet. Add one with: loki memory add "text"`,
      );
    } else print(itemTable(items));
    return 0;
  });
}

/** `loki memory show <id>`: every field, and the items it supersedes and is superseded by. */
export function memoryShowCommand(id: string, options: MemoryTargetOptions): Promise<number> {
  return withMemoryStore(options, async (memory) => {
    const item = await memory.get(id);
    if (item === undefined) throw notFound(id, memory.location);
    const linkedIds = [...item.supersedes, ...(item.supersededBy ? [item.supersededBy] : [])];
    const linked = new Map(
      (await Promise.all(linkedIds.map((linkedId) => memory.get(linkedId))))
        .filter((found) => found !== undefined)
        .map((found) => [found.id, found]),
    );
    print(options.json ? JSON.stringify(item, null, 2) : describeItem(item, linked));
    return 0;
  });
}

/** `loki memory forget <id>`: deletes an item; what it superseded becomes current again. */
export function memoryForgetCommand(id: string, options: MemoryTargetOptions): Promise<number> {
  return withMemoryStore(options, async (memory) => {
    if (!(await memory.forget(id))) throw notFound(id, memory.location);
    print(options.json ? JSON.stringify({ id, forgotten: true }) : `Forgot ${id}.`);
    return 0;
  });
}

function notFound(id: string, location: string): LokiError {
  return new LokiError({
    code: 'memory.not-found',
    category: 'bad-input',
    message: `there is no memory "${id}" in ${location}; find ids with loki memory list or search`,
    details: { id, location },
  });
}
