import { z } from 'zod';
import { LokiError, describeZodIssues, errorMessage, parseJson } from '../core/index.ts';

/**
 * JSON text for a TEXT column. `undefined` (and anything else JSON.stringify drops) is stored
 * as `null`, so every stored value reads back as JSON. Throws `journal.not-json` for values JSON
 * cannot hold (a BigInt, a cycle), naming what was being written.
 */
export function toJsonText(value: unknown, what: string): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (cause) {
    throw new LokiError({
      code: 'journal.not-json',
      category: 'internal',
      message: `${what} cannot be written to the journal as JSON: ${errorMessage(cause)}`,
      details: { what },
      cause,
    });
  }
}

/** Like `toJsonText`, but `null` and `undefined` become SQL NULL: "no value", not a JSON null. */
export function toNullableJsonText(value: unknown, what: string): string | null {
  return value === null || value === undefined ? null : toJsonText(value, what);
}

/** A zod schema for a TEXT column holding JSON, validated against `schema` once parsed. */
export function jsonText<Schema extends z.ZodType>(schema: Schema) {
  return z.string().transform((text, context): z.infer<Schema> => {
    const parsed = parseJson(text, schema);
    if (parsed.success) return parsed.value;
    context.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  });
}

/** A TEXT column holding any JSON value: lenient, whatever shape a writer stored reads back. */
export const anyJsonText = jsonText(z.unknown());

/** A nullable TEXT column holding any JSON value; SQL NULL reads back as `null`. */
export const nullableJsonText = anyJsonText.nullable();

/**
 * Parses one row read from the journal. A row that does not fit (a hand-edited file, a bug in
 * a writer) throws `journal.unreadable-row` naming where it came from, instead of letting a
 * wrong shape travel on under a type that lies about it.
 */
export function readRow<Schema extends z.ZodType>(
  schema: Schema,
  row: unknown,
  where: string,
): z.infer<Schema> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  throw new LokiError({
    code: 'journal.unreadable-row',
    category: 'internal',
    message: `${where} in the journal cannot be read:\n${describeZodIssues(result.error)}`,
    details: { where },
  });
}
