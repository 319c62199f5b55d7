import { relative } from 'node:path';
import { z } from 'zod';
import { parseJson, type ParseJsonResult } from '../../core/index.ts';
import type { ParsedLint } from '../lint-report.ts';
import type { LintProblem } from '../stack.ts';

const messageSchema = z.looseObject({
  ruleId: z.string().nullish(),
  severity: z.number(),
  message: z.string(),
  line: z.number().nullish(),
  column: z.number().nullish(),
});

const reportSchema = z.array(
  z.looseObject({
    filePath: z.string(),
    messages: z.array(messageSchema),
    errorCount: z.number(),
    warningCount: z.number(),
  }),
);

/** Reads ESLint's `-f json` report: errors are severity 2, warnings severity 1. */
export function parseEslintReport(text: string, root: string): ParseJsonResult<ParsedLint> {
  const parsed = parseJson(text, reportSchema);
  if (!parsed.success) return parsed;
  const problems: LintProblem[] = parsed.value.flatMap((file) =>
    file.messages.map((message) => ({
      file: relative(root, file.filePath) || file.filePath,
      line: message.line ?? 0,
      column: message.column ?? 0,
      severity: message.severity >= 2 ? ('error' as const) : ('warning' as const),
      rule: message.ruleId ?? null,
      message: message.message,
    })),
  );
  return {
    success: true,
    repaired: false,
    value: {
      errors: parsed.value.reduce((sum, file) => sum + file.errorCount, 0),
      warnings: parsed.value.reduce((sum, file) => sum + file.warningCount, 0),
      problems,
    },
  };
}
