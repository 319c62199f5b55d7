import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';

/** One thing wrong (error) or worth a look (warning) in a generated or existing artifact. */
export interface ArtifactProblem {
  severity: 'error' | 'warning';
  message: string;
  /** 1-based, when the parser or linter says where. */
  line?: number;
}

/** Whether an artifact can be used: `ok` when no problem is an error. */
export interface ArtifactValidation {
  ok: boolean;
  problems: ArtifactProblem[];
}

/** A validation result from its problems. */
export function validation(problems: ArtifactProblem[]): ArtifactValidation {
  return { ok: problems.every((problem) => problem.severity !== 'error'), problems };
}

export const error = (message: string, line?: number): ArtifactProblem =>
  line === undefined ? { severity: 'error', message } : { severity: 'error', message, line };
export const warning = (message: string): ArtifactProblem => ({ severity: 'warning', message });

/** Parsed YAML documents, or the parser's errors as problems. */
export type ParsedYaml =
  { documents: unknown[]; problems: [] } | { documents: null; problems: ArtifactProblem[] };

/** Parses every document of a YAML text; a syntax error anywhere makes the whole text unusable. */
export function parseYaml(text: string): ParsedYaml {
  const documents = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(documents) ? documents : [];
  const errors = list.flatMap((document) => document.errors);
  if (errors.length > 0) {
    return {
      documents: null,
      problems: errors.map((parseError) =>
        error(
          `not valid YAML: ${parseError.message.split('\n')[0]}`,
          parseError.linePos?.[0]?.line,
        ),
      ),
    };
  }
  return { documents: list.map((document) => document.toJS() as unknown), problems: [] };
}

/** The schema's issues as problems, each naming the path of the bad value. */
export function schemaProblems<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  prefix = '',
): { value: z.infer<Schema> | null; problems: ArtifactProblem[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data, problems: [] };
  return {
    value: null,
    problems: parsed.error.issues.map((issue) =>
      error(
        `${prefix}${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
      ),
    ),
  };
}
