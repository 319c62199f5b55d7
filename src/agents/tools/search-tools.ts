import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { listProjectFiles, resolveInside, relativeInside } from '../../workspace/index.ts';
import { ToolError, defineTool } from '../agent-tool.ts';

const maxListed = 500;
const maxMatches = 200;
const maxSearchedFileBytes = 1_000_000;

export const listFilesTool = defineTool({
  name: 'list_files',
  description: "List the project's files (respecting .gitignore), optionally under one folder.",
  inputSchema: z.object({
    path: z.string().optional().describe('Folder relative to the project root; default: all'),
  }),
  async execute(input, { root }) {
    const under = input.path ? relativeInside(root, resolveInside(root, input.path)) || '.' : '.';
    const files = await listProjectFiles(root, under);
    if (files.length === 0) return `no files${input.path ? ` under ${input.path}` : ''} yet`;
    const shown = files.slice(0, maxListed).join('\n');
    return files.length > maxListed
      ? `${shown}\n[${files.length - maxListed} more files not shown; list a folder]`
      : shown;
  },
});

export const searchTool = defineTool({
  name: 'search',
  description:
    'Search the project files (respecting .gitignore) for a regular expression; prints file:line: text.',
  inputSchema: z.object({
    pattern: z.string().min(1).describe('A JavaScript regular expression'),
    path: z.string().optional().describe('Folder to search in; default: the whole project'),
    ignoreCase: z.boolean().optional(),
  }),
  async execute(input, { root }) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(input.pattern, input.ignoreCase ? 'i' : '');
    } catch (error) {
      throw new ToolError(
        `the pattern is not a valid regular expression: ${(error as Error).message}`,
      );
    }
    const under = input.path ? relativeInside(root, resolveInside(root, input.path)) || '.' : '.';
    const matches: string[] = [];
    for (const file of await listProjectFiles(root, under)) {
      const buffer = await readFile(join(root, file)).catch(() => undefined);
      if (!buffer || buffer.length > maxSearchedFileBytes || buffer.includes(0)) continue;
      const lines = buffer.toString('utf8').split('\n');
      for (let index = 0; index < lines.length && matches.length <= maxMatches; index++) {
        if (pattern.test(lines[index] ?? ''))
          matches.push(`${file}:${index + 1}: ${(lines[index] ?? '').slice(0, 300)}`);
      }
      if (matches.length > maxMatches) break;
    }
    if (matches.length === 0) return 'no matches';
    return matches.length > maxMatches
      ? `${matches.slice(0, maxMatches).join('\n')}\n[more matches not shown; narrow the search]`
      : matches.join('\n');
  },
});
