/** One Python statement line: brackets joined across physical lines, comments and strings' insides kept apart. */
export interface LogicalLine {
  /** 1-based line where the statement starts. */
  line: number;
  indent: number;
  /** The statement's code with comments removed. */
  code: string;
}

/**
 * Python source as logical lines: a statement continued inside brackets or with a backslash is
 * one line; comments are dropped; triple-quoted strings (docstrings) are kept inside the
 * statement that holds them and never read as code.
 */
export function pythonLogicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r?\n/);
  const lines: LogicalLine[] = [];
  let depth = 0;
  let triple: string | null = null;
  let current: LogicalLine | null = null;
  physical.forEach((raw, index) => {
    let code = '';
    let position = 0;
    while (position < raw.length) {
      if (triple) {
        const end = raw.indexOf(triple, position);
        if (end === -1) break;
        code += '""';
        position = end + 3;
        triple = null;
        continue;
      }
      const character = raw[position] ?? '';
      if (character === '#') break;
      if (raw.startsWith('"""', position) || raw.startsWith("'''", position)) {
        triple = raw.slice(position, position + 3);
        position += 3;
        continue;
      }
      if (character === '"' || character === "'") {
        let end = position + 1;
        while (end < raw.length && raw[end] !== character) end += raw[end] === '\\' ? 2 : 1;
        code += raw.slice(position, end + 1);
        position = end + 1;
        continue;
      }
      if ('([{'.includes(character)) depth++;
      if (')]}'.includes(character)) depth = Math.max(0, depth - 1);
      code += character;
      position++;
    }
    const continued = depth > 0 || triple !== null || /\\\s*$/.test(code);
    if (current) {
      current.code += ` ${code.trim().replace(/\\$/, '')}`;
    } else if (code.trim() !== '' || triple !== null) {
      current = {
        line: index + 1,
        indent: raw.length - raw.trimStart().length,
        code: code.trim().replace(/\\$/, ''),
      };
    }
    if (!continued && current) {
      if (current.code.trim() !== '') lines.push({ ...current, code: current.code.trim() });
      current = null;
    }
  });
  if (current !== null) lines.push(current);
  return lines;
}

/** Splits call arguments at top-level commas: `a, f(b, c)` → [`a`, `f(b, c)`]. */
export function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if (quote) {
      if (character === '\\') index++;
      else if (character === quote) quote = null;
    } else if (character === '"' || character === "'") quote = character;
    else if ('([{'.includes(character)) depth++;
    else if (')]}'.includes(character)) depth--;
    else if (character === ',' && depth === 0) {
      parts.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '') parts.push(last);
  return parts;
}

/** The text between the parentheses of the first call in `code` starting at `open`. */
export function callArguments(code: string, open: number): string {
  let depth = 0;
  for (let index = open; index < code.length; index++) {
    if (code[index] === '(') depth++;
    if (code[index] === ')' && --depth === 0) return code.slice(open + 1, index);
  }
  return code.slice(open + 1);
}
