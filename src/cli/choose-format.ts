import { LokiError } from '../core/index.ts';

/** The value of an option that must be one of a few words; anything else is bad input. */
export function oneOf<Value extends string>(
  flag: string,
  value: string,
  allowed: readonly Value[],
): Value {
  if ((allowed as readonly string[]).includes(value)) return value as Value;
  throw new LokiError({
    code: 'cli.bad-option',
    category: 'bad-input',
    message: `unknown ${flag} "${value}"; expected one of ${allowed.join(', ')}`,
    details: { flag, value, allowed },
  });
}

export const reportFormats = ['text', 'json', 'sarif'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/**
 * The report format of `--format`, where `--json` is short for `--format json` as on every
 * other command; asking for JSON and another format at once is bad input.
 */
export function chooseReportFormat(options: { format?: string; json?: boolean }): ReportFormat {
  const format = oneOf(
    '--format',
    options.format ?? (options.json ? 'json' : 'text'),
    reportFormats,
  );
  if (options.json && format !== 'json') {
    throw new LokiError({
      code: 'cli.conflicting-options',
      category: 'bad-input',
      message: `--json and --format ${format} ask for two formats; give one of them`,
      details: { format },
    });
  }
  return format;
}
