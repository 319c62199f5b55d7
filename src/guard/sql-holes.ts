import type { Severity } from './finding.ts';

/** An interpolated value in SQL text: where it starts in the text, and its expression. */
export interface SqlHole {
  at: number;
  expression: string;
}

// Where a value goes: after a comparison, LIKE, IN (, VALUES (, LIMIT, OFFSET, BETWEEN, or
// inside a quoted SQL string ('${name}', '%${term}%').
const valueSlot = /(?:[=<>]|\b(?:I?LIKE|IN\s*\(|VALUES\s*\(|LIMIT|OFFSET|BETWEEN)|['"%])\s*$/i;
// Expressions that write placeholders, not values: `${placeholders}`, `${ids.map(() => '?')}`.
const placeholderExpression =
  /placeholder|['"]\?['"]|['"]\$['"]|params?\.length|\.length\s*\+\s*\d/i;

/**
 * How dangerous SQL text with interpolations is. Critical when a value is interpolated where
 * SQL expects a value (the injection); medium when every interpolation sits where a name or a
 * clause goes (`SELECT ${columns} FROM`, `WHERE ${conditions}`): common for query builders
 * with constants, still worth a look; null when nothing is interpolated. A numbered
 * placeholder (`$${n}`) or an expression writing placeholders is not a value.
 */
export function sqlHolesSeverity(text: string, holes: readonly SqlHole[]): Severity | null {
  let severity: Severity | null = null;
  for (const hole of holes) {
    if (text[hole.at - 1] === '$' || placeholderExpression.test(hole.expression)) continue;
    if (valueSlot.test(text.slice(Math.max(0, hole.at - 40), hole.at))) return 'critical';
    severity = 'medium';
  }
  return severity;
}

/** The `${…}` interpolations of a template literal's text (nested braces counted). */
export function templateHoles(body: string): SqlHole[] {
  const holes: SqlHole[] = [];
  for (let at = body.indexOf('${'); at !== -1; at = body.indexOf('${', at + 2)) {
    let depth = 1;
    let end = at + 2;
    while (end < body.length && depth > 0) {
      if (body[end] === '{') depth++;
      else if (body[end] === '}') depth--;
      end++;
    }
    holes.push({ at, expression: body.slice(at + 2, end - 1) });
  }
  return holes;
}

/** The replacement fields of a Python f-string or `.format` text (`{x}`, `{}`; not `{{`). */
export function braceHoles(body: string): SqlHole[] {
  return [...body.matchAll(/(?<!\{)\{(?!\{)([^{}]*)\}/g)].map((match) => ({
    at: match.index,
    expression: match[1] ?? '',
  }));
}

/** The conversion specifiers of a Python `%` format text (`%s`, `%d`, `%(name)s`). */
export function percentHoles(body: string): SqlHole[] {
  return [...body.matchAll(/(?<!%)%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifx]/g)].map((match) => ({
    at: match.index,
    expression: match[0],
  }));
}
