import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { memoryTypeSchema, newMemoryItemSchema, type MemoryItem } from '../../memory/index.ts';
import { openProjectMemory, type DoorContext } from '../door-context.ts';

const searchInput = z.strictObject({
  query: z
    .string()
    .trim()
    .min(1, 'the query is empty')
    .describe('Free text; rarer words weigh more'),
  type: memoryTypeSchema.optional().describe('Only items of this type'),
  tags: z.array(z.string().min(1)).max(32).optional().describe('Only items carrying every tag'),
  limit: z.int().min(1).max(100).optional().describe('At most this many hits (default 20)'),
});

const writeInput = newMemoryItemSchema.pick({
  key: true,
  type: true,
  content: true,
  tags: true,
  severity: true,
});

/** The fields of an item worth showing a caller. */
function itemView(item: MemoryItem) {
  const { id, key, type, content, tags, severity, seenCount, sourceRun, updatedAt } = item;
  return { id, key, type, content, tags, severity, seenCount, sourceRun, updatedAt };
}

/**
 * `loki_memory_search` and `loki_memory_write`: the lessons, macros and feedback that runs
 * learn from, in the same store a run opens (config `memory`, `LOKI_MEMORY_*`).
 */
export function registerMemoryTools(server: McpServer, context: DoorContext): void {
  server.registerTool(
    'loki_memory_search',
    {
      title: 'Search Loki memory',
      description:
        'Full-text search of lessons (learned_lesson), run recipes (loki_macro) and feedback.',
      inputSchema: searchInput,
      annotations: { readOnlyHint: true },
    },
    async ({ query, type, tags, limit }) => {
      await using memory = await openProjectMemory(context);
      const hits = await memory.search(query, { type, tags, limit });
      const result = {
        store: memory.location,
        hits: hits.map((hit) => ({ ...itemView(hit.item), score: hit.score })),
      };
      const text =
        hits.length === 0
          ? `No memory matches "${query}" in ${memory.location}.`
          : hits
              .map(
                ({ item }) =>
                  `${item.id} [${item.type}, ${item.severity}${item.tags.length ? `, ${item.tags.join(' ')}` : ''}] ${item.content}`,
              )
              .join('\n');
      return { content: [{ type: 'text', text }], structuredContent: result };
    },
  );
  server.registerTool(
    'loki_memory_write',
    {
      title: 'Write to Loki memory',
      description:
        'Stores a lesson, recipe or feedback that later runs learn from. A write with the key or ' +
        'the content of an existing item of the same type updates that item.',
      inputSchema: writeInput,
    },
    async (input) => {
      await using memory = await openProjectMemory(context);
      const { item, merged } = await memory.write(input);
      const result = { store: memory.location, merged, item: itemView(item) };
      const text = `${merged ? 'Merged into' : 'Stored as'} ${item.id} (${item.type}) in ${memory.location}`;
      return { content: [{ type: 'text', text }], structuredContent: result };
    },
  );
}
