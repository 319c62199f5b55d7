import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { relativeInside, resolveInside } from '../../workspace/index.ts';
import { ToolError, defineTool } from '../agent-tool.ts';

const maxReadBytes = 100_000;

async function readText(root: string, path: string): Promise<{ absolute: string; text: string }> {
  const absolute = resolveInside(root, path);
  try {
    return { absolute, text: await readFile(absolute, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolError(
      code === 'ENOENT'
        ? `${path} does not exist; use list_files to see the project's files`
        : code === 'EISDIR'
          ? `${path} is a directory; use list_files to see inside it`
          : `cannot read ${path}: ${(error as Error).message}`,
    );
  }
}

export const readFileTool = defineTool({
  name: 'read_file',
  description:
    'Read a text file of the project. Give startLine and lineCount to read part of a long file.',
  inputSchema: z.object({
    path: z.string().describe('Path relative to the project root'),
    startLine: z.int().positive().optional().describe('First line to read, from 1'),
    lineCount: z.int().positive().optional().describe('How many lines to read'),
  }),
  async execute(input, { root }) {
    const { text } = await readText(root, input.path);
    const lines = text.split('\n');
    const start = (input.startLine ?? 1) - 1;
    const end = input.lineCount ? start + input.lineCount : lines.length;
    let body = lines.slice(start, end).join('\n');
    let note = '';
    if (body.length > maxReadBytes) {
      body = body.slice(0, maxReadBytes);
      note = `\n[cut at ${maxReadBytes} characters: read on with startLine]`;
    }
    return `${input.path} (lines ${start + 1}-${Math.min(end, lines.length)} of ${lines.length}):\n${body}${note}`;
  },
});

export const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Create or replace a file of the project with the given content. Creates folders as needed.',
  inputSchema: z.object({
    path: z.string().describe('Path relative to the project root'),
    content: z.string().describe('The whole new content of the file'),
  }),
  async execute(input, { root }) {
    const absolute = resolveInside(root, input.path);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, input.content);
    return `wrote ${relativeInside(root, absolute)} (${input.content.split('\n').length} lines)`;
  },
});

export const editFileTool = defineTool({
  name: 'edit_file',
  description:
    'Replace an exact piece of text in a file. old_string must match exactly once (whitespace included) unless replace_all is true; read the file first.',
  inputSchema: z.object({
    path: z.string(),
    old_string: z.string().min(1).describe('The exact text to replace'),
    new_string: z.string().describe('The text to put in its place'),
    replace_all: z.boolean().optional().describe('Replace every occurrence instead of exactly one'),
  }),
  async execute(input, { root }) {
    const { absolute, text } = await readText(root, input.path);
    const occurrences = text.split(input.old_string).length - 1;
    if (occurrences === 0) {
      throw new ToolError(
        `old_string was not found in ${input.path}; read the file and copy the exact text, whitespace included`,
      );
    }
    if (occurrences > 1 && input.replace_all !== true) {
      throw new ToolError(
        `old_string occurs ${occurrences} times in ${input.path}; include more of the surrounding text so it matches once, or set replace_all`,
      );
    }
    await writeFile(absolute, text.split(input.old_string).join(input.new_string));
    return `edited ${input.path}: replaced ${occurrences} occurrence${occurrences === 1 ? '' : 's'}`;
  },
});
