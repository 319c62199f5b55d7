import { LokiError } from '../core/index.ts';

/** The largest PRD Loki accepts; more would crowd out everything else in a planner's context. */
export const maxPrdBytes = 200 * 1024;

/** A product requirements document, checked and ready to plan from. */
export interface Prd {
  text: string;
  /** The file it was read from; null when it came from stdin or an API call. */
  path: string | null;
  /** Its first heading, or its first line. */
  title: string;
}

/** Checks a PRD's text and names what is wrong with it; every error is bad input (exit 2). */
export function parsePrd(text: string, path: string | null): Prd {
  const where = path ?? 'the PRD given on standard input';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxPrdBytes) throw prdTooLarge(path, bytes);
  if (text.includes('\u0000')) {
    throw new LokiError({
      code: 'prd.binary',
      category: 'bad-input',
      message: `${where} looks like a binary file, not text; give a Markdown or plain-text PRD.`,
      details: { path },
    });
  }
  if (text.trim() === '') {
    throw new LokiError({
      code: 'prd.empty',
      category: 'bad-input',
      message: `${where} is empty. Write what the product must do (users, features, constraints) in a Markdown file and pass its path, e.g. loki run PRD.md.`,
      details: { path },
    });
  }
  return { text, path, title: titleOf(text) };
}

/** The error for a PRD over the size limit, also raised before reading a huge file. */
export function prdTooLarge(path: string | null, bytes: number): LokiError {
  return new LokiError({
    code: 'prd.too-large',
    category: 'bad-input',
    message:
      `${path ?? 'the PRD given on standard input'} is ${Math.round(bytes / 1024)} KB; Loki accepts PRDs up to ${maxPrdBytes / 1024} KB. ` +
      'Keep the requirements and move reference material (schemas, transcripts, data) into files the PRD points to.',
    details: { path, bytes, maxBytes: maxPrdBytes },
  });
}

function titleOf(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const heading = lines.find((line) => line.startsWith('#'));
  return (heading ?? lines[0] ?? '').replace(/^#+\s*/, '').slice(0, 120);
}
