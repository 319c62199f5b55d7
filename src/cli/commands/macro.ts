import { existsSync } from 'node:fs';
import { LokiError } from '../../core/index.ts';
import {
  listMacroFiles,
  macroPathIn,
  macrosDirOf,
  readMacroFile,
  writeMacroFile,
  type Macro,
} from '../../macro/index.ts';
import { openMemoryStore, resolveMemoryLocation } from '../../memory/index.ts';
import { rememberMacro, taskGraphLines } from '../../pipeline/index.ts';
import { formatTable } from '../format-table.ts';
import { journalPathOf } from '../open-journal.ts';

export interface MacroOptions {
  journal?: string;
  json?: boolean;
  memory?: string;
}

/** The macros folder of the journal the options name: beside `.loki/journal.db` by default. */
export function macrosDirFor(options: MacroOptions): string {
  return macrosDirOf(journalPathOf(options.journal ?? process.env['LOKI_JOURNAL'], process.cwd()));
}

/** A macro named by its file, or by its id in the macros folder. */
export function findMacro(idOrFile: string, options: MacroOptions): Macro {
  if (existsSync(idOrFile)) return readMacroFile(idOrFile);
  const path = macroPathIn(macrosDirFor(options), idOrFile);
  if (existsSync(path)) return readMacroFile(path);
  throw new LokiError({
    code: 'macro.not-found',
    category: 'bad-input',
    message: `there is no macro file "${idOrFile}" and no macro with that id in ${macrosDirFor(options)}; list macros with loki macro list`,
    details: { macro: idOrFile },
  });
}

/** `loki macro list`: the macros beside the journal, newest first. */
export function macroListCommand(options: MacroOptions): number {
  const dir = macrosDirFor(options);
  const macros = listMacroFiles(dir)
    .flatMap((path) => {
      try {
        return [{ path, macro: readMacroFile(path) }];
      } catch (error) {
        // One damaged file does not hide the others.
        process.stderr.write(`loki: skipped ${path}: ${(error as Error).message}\n`);
        return [];
      }
    })
    .sort((a, b) => b.macro.exportedAt - a.macro.exportedAt);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        macros.map(({ path, macro }) => describe(path, macro)),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (macros.length === 0) {
    process.stdout.write(
      `No macros yet in ${dir}. A run that finishes records one; or: loki macro export <run>\n`,
    );
    return 0;
  }
  const table = formatTable(
    ['MACRO', 'STATUS', 'TASKS', 'FILES', 'REPLIES', 'TREE', 'PRD'],
    macros.map(({ path, macro }) => {
      const row = describe(path, macro);
      return [
        row.id,
        row.status,
        String(row.tasks),
        String(row.files),
        String(row.exchanges),
        row.treeHash.slice(0, 12),
        row.prd,
      ];
    }),
  );
  process.stdout.write(`${table}\n`);
  return 0;
}

/** `loki macro show <id-or-file>`: what a macro holds. */
export function macroShowCommand(idOrFile: string, options: MacroOptions): number {
  const macro = findMacro(idOrFile, options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(macro, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `Macro ${macro.id} (format ${macro.version}, Loki ${macro.lokiVersion})`,
    `  run        ${macro.run.runId}: ${macro.run.kind} ${macro.run.status}${macro.run.stopReason ? ` (${macro.run.stopReason})` : ''}`,
    `  PRD        ${macro.prd.path ?? '(stdin)'}: ${titleOf(macro)}`,
    `  replies    ${macro.exchanges.length} model exchanges, ${macro.toolResults.length} tool results, ${macro.decisions.length} decisions`,
    `  files      ${Object.keys(macro.files).length}, tree ${macro.treeHash}`,
    ...macro.run.stages.map(
      (stage) => `  ${stage.stage.padEnd(20)} ${stage.outcome}: ${stage.summary}`,
    ),
    `Plan: ${macro.taskGraph?.summary ?? '(none)'}`,
    ...taskGraphLines(macro),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * `loki macro import <file>`: a macro from elsewhere, checked, copied beside the journal and
 * stored in memory, so `loki macro replay <id>` finds it and later plans learn from it.
 */
export async function macroImportCommand(file: string, options: MacroOptions): Promise<number> {
  const macro = readMacroFile(file);
  const path = macroPathIn(macrosDirFor(options), macro.id);
  writeMacroFile(path, macro);
  await using memory = await openMemoryStore(
    resolveMemoryLocation({ target: options.memory, env: process.env }),
  );
  const item = await rememberMacro(memory, macro);
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ id: macro.id, path, memoryId: item.id })}\n`
      : `imported macro ${macro.id} into ${path} (memory ${item.id}); replay it with loki macro replay ${macro.id}\n`,
  );
  return 0;
}

function describe(path: string, macro: Macro) {
  return {
    id: macro.id,
    path,
    status: macro.run.status,
    tasks: macro.taskGraph?.tasks.length ?? 0,
    files: Object.keys(macro.files).length,
    exchanges: macro.exchanges.length,
    treeHash: macro.treeHash,
    prd: titleOf(macro),
  };
}

function titleOf(macro: Macro): string {
  const heading = macro.prd.text.split('\n').find((line) => line.trim() !== '') ?? '';
  return heading.replace(/^#+\s*/, '').slice(0, 60);
}
