import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { LokiError } from '../core/index.ts';
import { maxPrdBytes, parsePrd, prdTooLarge, type Prd } from '../pipeline/index.ts';

/** Reads a PRD from a file, or from standard input when the path is `-`. */
export async function readPrd(
  path: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<Prd> {
  if (path === '-') return parsePrd(await text(stdin), null);
  const absolute = resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    throw new LokiError({
      code: 'prd.not-found',
      category: 'bad-input',
      message: `the PRD file ${path} does not exist. Pass the path of a Markdown file that describes the product (e.g. loki run examples/todo-api/PRD.md), or - to read it from standard input.`,
      details: { path: absolute },
    });
  }
  if (!info.isFile()) {
    throw new LokiError({
      code: 'prd.not-a-file',
      category: 'bad-input',
      message: `${path} is not a file; pass the path of the PRD file itself.`,
      details: { path: absolute },
    });
  }
  if (info.size > maxPrdBytes) throw prdTooLarge(absolute, info.size);
  return parsePrd(await readFile(absolute, 'utf8'), absolute);
}
