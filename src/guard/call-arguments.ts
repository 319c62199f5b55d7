// Just enough expression reading for injection rules: the arguments of a call and the right
// side of an assignment, with strings and nesting respected. Reads at most `limit` characters,
// so a pathological file costs a bounded amount per match.
const limit = 4_000;

/**
 * The top-level arguments of the call whose `(` is at `open`, trimmed; undefined when the
 * call does not close within the limit.
 */
export function readCallArguments(text: string, open: number): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  const stop = Math.min(text.length, open + limit);
  for (let cursor = open; cursor < stop; cursor++) {
    const char = text[cursor]!;
    if (char === '"' || char === "'" || char === '`') {
      cursor = skipQuoted(text, cursor, stop) - 1;
    } else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) {
        const last = text.slice(start, cursor).trim();
        if (last !== '' || args.length > 0) args.push(last);
        return args;
      }
    } else if (char === ',' && depth === 1) {
      args.push(text.slice(start, cursor).trim());
      start = cursor + 1;
    }
  }
  return undefined;
}

/** The expression starting at `start` up to a top-level `;`, `,`, `)` or line end. */
export function readExpression(text: string, start: number): string {
  let depth = 0;
  const stop = Math.min(text.length, start + limit);
  for (let cursor = start; cursor < stop; cursor++) {
    const char = text[cursor]!;
    if (char === '"' || char === "'" || char === '`') {
      cursor = skipQuoted(text, cursor, stop) - 1;
    } else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) return text.slice(start, cursor).trim();
      depth--;
    } else if (depth === 0 && (char === ';' || char === ',' || char === '\n')) {
      return text.slice(start, cursor).trim();
    }
  }
  return text.slice(start, stop).trim();
}

/** Past the string starting at `start` (template literals as a whole, `${}` included). */
function skipQuoted(text: string, start: number, stop: number): number {
  const quote = text[start];
  for (let cursor = start + 1; cursor < stop; cursor++) {
    const char = text[cursor];
    if (char === '\\') cursor++;
    else if (char === quote) return cursor + 1;
    else if (char === '\n' && quote !== '`') return cursor;
  }
  return stop;
}

const literal = [
  String.raw`[rRbBuU]{0,2}"(?:[^"\\\n]|\\.)*"`,
  String.raw`[rRbBuU]{0,2}'(?:[^'\\\n]|\\.)*'`,
  String.raw`[rRbBuU]{0,2}"""[\s\S]*?"""`,
  String.raw`[rRbBuU]{0,2}'''[\s\S]*?'''`,
  String.raw`\x60(?:[^\x60\\$]|\\.|\$(?!\{))*\x60`,
  String.raw`-?\d[\w.]*`,
].join('|');
const constant = new RegExp(String.raw`^(?:${literal})(?:\s*\+\s*(?:${literal}))*$`);

/**
 * Whether an expression is a constant: a string literal with no interpolation (no f-string, no
 * template `${}`), a number, or several of those joined with `+`.
 */
export function isConstant(expression: string): boolean {
  return constant.test(expression);
}

/** Whether a Python expression builds a string by formatting: f-string, `%`, `.format`, `+`. */
export function isFormattedPython(expression: string): boolean {
  if (/^[rRbBuU]?[fF][rR]?["']/.test(expression)) return true;
  if (/^[rRbBuU]{0,2}(["'])(?:(?!\1)[^\\]|\\.)*\1\s*(?:%|\.format\s*\(|\+)/.test(expression))
    return true;
  return /^[\w.]+\s*\+/.test(expression);
}
