import { readFile } from 'node:fs/promises';
import { LokiError, errorMessage, parseJson } from '../../core/index.ts';
import { scriptSchema, type Script } from './script.ts';

/**
 * Reads and validates a test model server script file (`{ "replies": [...] }`). Throws a
 * `bad-input` LokiError whose one-line message names the file and every bad value.
 */
export async function loadScript(path: string): Promise<Script> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LokiError({
      code: 'test-server.script-unreadable',
      category: 'bad-input',
      message: `cannot read the script file "${path}": ${errorMessage(error)}`,
      details: { path },
      cause: error,
    });
  }
  const parsed = parseJson(text, scriptSchema);
  if (!parsed.success) {
    throw new LokiError({
      code: 'test-server.bad-script',
      category: 'bad-input',
      message: `the script file "${path}" is not valid: ${parsed.error.replaceAll('\n', '; ')}`,
      details: { path },
    });
  }
  return parsed.value;
}
