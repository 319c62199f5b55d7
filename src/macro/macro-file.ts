import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { LokiError, parseJson } from '../core/index.ts';
import { treeHashOf } from './file-hashes.ts';
import { macroFormatVersion, macroSchema, type Macro } from './macro-schema.ts';

const macroFileSuffix = '.macro.json';

/** Where the macros of a journal live: a `macros` folder beside the journal file. */
export function macrosDirOf(journalPath: string): string {
  // A journal in memory has no folder; its macros go where temporary files go.
  if (journalPath === ':memory:') return join(tmpdir(), 'loki-macros');
  return join(dirname(resolve(journalPath)), 'macros');
}

/** The file a macro is kept in within a macros folder. */
export function macroPathIn(macrosDir: string, macroId: string): string {
  return join(macrosDir, `${macroId}${macroFileSuffix}`);
}

/** Writes a macro as indented JSON (it is meant to be read and diffed), creating folders. */
export function writeMacroFile(path: string, macro: Macro): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, `${JSON.stringify(macroSchema.parse(macro), null, 2)}\n`);
}

const versionOnly = z.looseObject({ format: z.literal('loki-macro'), version: z.int() });

/**
 * Reads and validates a macro file. Refuses a file that is not a macro, one of a newer format
 * version, and one whose tree hash does not match its file hashes (edited by hand).
 */
export function readMacroFile(path: string): Macro {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LokiError({
      code: 'macro.unreadable',
      category: 'bad-input',
      message: `cannot read the macro "${path}": ${(error as Error).message}. Give a macro file or the id of one (see loki macro list).`,
      details: { path },
      cause: error,
    });
  }
  const header = parseJson(text, versionOnly);
  if (header.success && header.value.version > macroFormatVersion) {
    throw new LokiError({
      code: 'macro.newer-format',
      category: 'bad-input',
      message: `the macro "${path}" has format version ${header.value.version}, but this Loki reads versions up to ${macroFormatVersion}; upgrade Loki to use it`,
      details: { path, version: header.value.version },
    });
  }
  const parsed = parseJson(text, macroSchema);
  if (!parsed.success) {
    throw new LokiError({
      code: 'macro.invalid',
      category: 'bad-input',
      message: `"${path}" is not a valid Loki macro:\n${parsed.error}`,
      details: { path },
    });
  }
  const macro = parsed.value;
  if (treeHashOf(macro.files) !== macro.treeHash) {
    throw new LokiError({
      code: 'macro.inconsistent',
      category: 'bad-input',
      message: `the macro "${path}" lists files whose hashes do not give its tree hash ${macro.treeHash}; it was edited after export. Export the run again.`,
      details: { path },
    });
  }
  return macro;
}

/** The macro files of a macros folder, by name; none when the folder does not exist yet. */
export function listMacroFiles(macrosDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(macrosDir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(macroFileSuffix))
    .sort()
    .map((name) => join(macrosDir, name));
}
