import { resolve } from 'node:path';
import { Journal } from '../journal/index.ts';

/** The journal of the working directory (`.loki/journal.db`), unless configured elsewhere. */
export function journalPathOf(configured: string | undefined, cwd: string): string {
  return resolve(cwd, configured ?? '.loki/journal.db');
}

export function openJournal(configured: string | undefined, cwd = process.cwd()): Journal {
  return Journal.open(journalPathOf(configured, cwd));
}
