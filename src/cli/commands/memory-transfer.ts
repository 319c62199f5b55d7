import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { LokiError, errorMessage } from '../../core/index.ts';
import { importMemoryLines, memoryJsonlLine, parseMemoryJsonl } from '../../memory/index.ts';
import { exitCodes } from '../exit-codes.ts';
import { tagsOf, withMemoryStore, type MemoryFilterOptions } from './memory.ts';

/**
 * `loki memory export`: every item (superseded ones too, so links survive), least recently updated first, one
 * JSON object a line, to stdout or `--output`.
 */
export function memoryExportCommand(
  options: MemoryFilterOptions & { output?: string },
): Promise<number> {
  return withMemoryStore(options, async (memory) => {
    const items = await memory.list({
      type: options.type,
      tags: tagsOf(options.tags),
      includeSuperseded: true,
    });
    // Least recently updated first: imported in this order, the newest stay the most recent.
    const jsonl = items
      .reverse()
      .map((item) => `${memoryJsonlLine(item)}\n`)
      .join('');
    if (options.output) {
      await mkdir(dirname(resolve(options.output)), { recursive: true });
      await writeFile(options.output, jsonl);
      process.stderr.write(
        `Exported ${items.length} memories from ${memory.location} to ${options.output}\n`,
      );
    } else {
      process.stdout.write(jsonl);
    }
    return exitCodes.ok;
  });
}

/**
 * `loki memory import <file>` (`-` for stdin): each line is checked on its own; a bad line is
 * reported with its number and problem, and the good lines are written (duplicates merged,
 * lines the store already holds skipped, supersession links restored: see `importMemoryLines`),
 * unless `--strict`, which writes nothing when any line is bad. Exit 2 when a line was bad.
 */
export async function memoryImportCommand(
  file: string,
  options: MemoryFilterOptions & { strict?: boolean },
): Promise<number> {
  const { lines, bad } = parseMemoryJsonl(await readInput(file));
  for (const { line, problem } of bad) process.stderr.write(`${file}:${line}: ${problem}\n`);
  if (options.strict && bad.length > 0) {
    throw new LokiError({
      code: 'memory.import-invalid',
      category: 'bad-input',
      message: `${bad.length} line${bad.length === 1 ? '' : 's'} of ${file} cannot be imported (see above); nothing was imported. Fix them, or leave out --strict to import the good lines`,
      details: { file, bad },
    });
  }
  return await withMemoryStore(options, async (memory) => {
    const result = await importMemoryLines(memory, lines);
    const skipped =
      bad.length > 0 ? `; ${bad.length} bad line${bad.length === 1 ? '' : 's'} skipped` : '';
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...result, bad })}\n`);
    } else {
      process.stdout.write(
        `Imported ${lines.length} ${lines.length === 1 ? 'memory' : 'memories'} into ${memory.location}: ${result.created} new, ${result.merged} merged into existing ones, ${result.unchanged} already there, ${result.linked} supersession links restored${skipped}\n`,
      );
    }
    return bad.length > 0 ? exitCodes.badInput : exitCodes.ok;
  });
}

async function readInput(file: string): Promise<string> {
  try {
    return file === '-' ? await text(process.stdin) : await readFile(file, 'utf8');
  } catch (cause) {
    throw new LokiError({
      code: 'memory.import-unreadable',
      category: 'bad-input',
      message: `cannot read ${file}: ${errorMessage(cause)}; give a JSONL file written by loki memory export`,
      details: { file },
      cause,
    });
  }
}
