import {
  memoryAddCommand,
  memoryForgetCommand,
  memoryListCommand,
  memorySearchCommand,
  memoryShowCommand,
} from './memory.ts';
import { memoryExportCommand, memoryImportCommand } from './memory-transfer.ts';

type Options = Record<string, unknown>;

/**
 * The `loki memory` subcommands by name, taking commander's action arguments (the positional
 * arguments, then the options). Commander has checked the choices (type, severity) already.
 */
export const memoryCommands: Record<string, (...args: unknown[]) => Promise<number>> = {
  add: (content, options) => memoryAddCommand(String(content), options as Options),
  search: (query, options) => memorySearchCommand(String(query), options as Options),
  list: (options) => memoryListCommand(options as Options),
  show: (id, options) => memoryShowCommand(String(id), options as Options),
  forget: (id, options) => memoryForgetCommand(String(id), options as Options),
  export: (options) => memoryExportCommand(options as Options),
  import: (file, options) => memoryImportCommand(String(file), options as Options),
};
