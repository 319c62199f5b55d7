import { relative } from 'node:path';
import { z } from 'zod';
import { parseJson, type ParseJsonResult } from '../../core/index.ts';
import type { ParsedLint } from '../lint-report.ts';

const locationSchema = z.looseObject({ row: z.number(), column: z.number() });

const reportSchema = z.array(
  z.looseObject({
    code: z.string().nullish(),
    message: z.string(),
    filename: z.string(),
    location: locationSchema.nullish(),
  }),
);

/**
 * Reads `ruff check --output-format json`. Ruff has no severities: every violation fails the
 * check, so every one is an error; a syntax error comes with a null code.
 */
export function parseRuffReport(text: string, root: string): ParseJsonResult<ParsedLint> {
  const parsed = parseJson(text, reportSchema);
  if (!parsed.success) return parsed;
  const problems = parsed.value.map((violation) => ({
    file: relative(root, violation.filename) || violation.filename,
    line: violation.location?.row ?? 0,
    column: violation.location?.column ?? 0,
    severity: 'error' as const,
    rule: violation.code ?? null,
    message: violation.message,
  }));
  return {
    success: true,
    repaired: false,
    value: { errors: problems.length, warnings: 0, problems },
  };
}
