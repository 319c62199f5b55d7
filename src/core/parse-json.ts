import { jsonrepair } from 'jsonrepair';
import type { z } from 'zod';

export type ParseJsonResult<T> =
  { success: true; value: T; repaired: boolean } | { success: false; error: string };

export interface ParseJsonOptions {
  /** Try `jsonrepair` when the text is not valid JSON (model output: fences, trailing commas). */
  repair?: boolean;
}

/**
 * Parses outside text as JSON and validates it with a schema, returning a result instead of
 * throwing, with an error a person (or a model being re-asked) can act on.
 */
export function parseJson<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  options: ParseJsonOptions = {},
): ParseJsonResult<z.infer<Schema>> {
  let raw: unknown;
  let repaired = false;
  try {
    raw = JSON.parse(text);
  } catch (parseError) {
    if (!options.repair) {
      return { success: false, error: `not valid JSON: ${(parseError as Error).message}` };
    }
    try {
      raw = JSON.parse(jsonrepair(stripCodeFence(text)));
      repaired = true;
    } catch (repairError) {
      return {
        success: false,
        error: `not valid JSON, and not repairable: ${(repairError as Error).message}`,
      };
    }
  }
  const validated = schema.safeParse(raw);
  if (!validated.success) {
    return { success: false, error: describeZodIssues(validated.error) };
  }
  return { success: true, value: validated.data, repaired };
}

/** Models often wrap JSON in a Markdown fence; jsonrepair handles most, this handles prose around it. */
function stripCodeFence(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  return fenced?.[1] ?? text;
}

/** One line per issue, each naming the path of the bad value: `tasks.2.dependsOn: expected array`. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}
