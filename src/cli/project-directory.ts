import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LokiError } from '../core/index.ts';

/** The directory a stage command works on: it must exist and be a directory (else exit 2). */
export async function projectDirectory(path: string): Promise<string> {
  const absolute = resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new LokiError({
      code: 'project.not-found',
      category: 'bad-input',
      message: `${path} ${info ? 'is not a directory' : 'does not exist'}; give the directory of the project`,
      details: { path: absolute },
    });
  }
  return absolute;
}
