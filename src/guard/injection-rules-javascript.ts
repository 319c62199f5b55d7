import { isConstant, readCallArguments, readExpression } from './call-arguments.ts';
import { sqlShape, sqlShapeUpper, type InjectionRule } from './injection-rule.ts';
import { sqlHolesSeverity, templateHoles } from './sql-holes.ts';

const queryCallBefore =
  /\.(?:query|execute|raw|unsafe|queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe|whereRaw|havingRaw|orderByRaw|joinRaw|prepare|all|get|run|exec)\s*\(\s*$/;
const sanitized = /^(?:[\w$.]*(?:sanitize|escape|purify)\w*)\s*\(/i;

/** The arguments of the call whose name the match ends at (the match ends with `(`). */
function argumentsAt(text: string, match: RegExpExecArray): string[] {
  return readCallArguments(text, match.index + match[0].length - 1) ?? [];
}

/** A string built at run time: a template with `${}`, or `+` with something not constant. */
function isBuiltString(expression: string): boolean {
  if (isConstant(expression)) return false;
  return /^`[\s\S]*\$\{/.test(expression) || /["'`]\s*\+|\+\s*["'`]/.test(expression);
}

/** Injection rules for JavaScript and TypeScript. */
export const javascriptInjectionRules: InjectionRule[] = [
  {
    id: 'injection.sql-interpolation',
    trigger: /`\s*(?i:SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|MERGE|UPSERT)\b/,
    pattern:
      /`\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|MERGE|UPSERT)\b(?:[^`\\]|\\[\s\S])*?\$\{/gi,
    startsAtString: true,
    judge(text, match) {
      const before = text.slice(Math.max(0, match.index - 60), match.index);
      // A tagged template (sql`…`, Prisma.sql`…`) is parameterised by its tag: safe.
      if (/[\w$)\].]\s*$/.test(before)) return null;
      const close = text.indexOf('`', match.index + match[0].length);
      const body = text.slice(match.index + 1, close === -1 ? undefined : close);
      const shape = queryCallBefore.test(before) ? sqlShape : sqlShapeUpper;
      return shape.test(body) ? sqlHolesSeverity(body, templateHoles(body)) : null;
    },
    message:
      'SQL built by template interpolation: what is inside ${} becomes SQL (SQL injection where it is a value)',
    fixHint:
      'Pass values as parameters (db.query("... WHERE id = $1", [id])) or use a tagged template such as sql`...` that parameterises them.',
  },
  {
    id: 'injection.sql-concatenation',
    trigger: /(?i:SELECT|INSERT|UPDATE|DELETE|WITH)\b/,
    pattern:
      /(["'])\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\b(?:(?!\1)[^\\\n]|\\.)*\1\s*\+\s*(?![\s"'`\d])/gi,
    startsAtString: true,
    judge(text, match) {
      const literal = match[0].slice(0, match[0].lastIndexOf(match[1]!) + 1);
      const body = literal.slice(1, -1);
      const sqlLike =
        sqlShapeUpper.test(body) || (sqlShape.test(body) && /\bwhere\b|\*/i.test(body));
      const value = readExpression(text, match.index + match[0].length);
      return sqlLike ? sqlHolesSeverity(body, [{ at: body.length, expression: value }]) : null;
    },
    message:
      'SQL built by concatenating a variable into the statement (SQL injection where it is a value)',
    fixHint:
      'Keep the SQL constant and pass the values as query parameters (placeholders such as $1 or ?).',
  },
  {
    id: 'injection.eval',
    trigger: /\beval\b/,
    pattern: /(?<![\w$.])eval\s*\(/g,
    judge(text, match) {
      if (/function\s*$/.test(text.slice(Math.max(0, match.index - 12), match.index))) return null;
      const [code] = argumentsAt(text, match);
      return code === undefined || code === '' || isConstant(code) ? null : 'critical';
    },
    message: 'eval of a value computed at run time: whoever controls it runs code',
    fixHint:
      'Do not evaluate strings: parse data with JSON.parse, or dispatch to known functions by name.',
  },
  {
    id: 'injection.new-function',
    trigger: /\bFunction\b/,
    pattern: /\bnew\s+Function\s*\(/g,
    judge(text, match) {
      const args = argumentsAt(text, match);
      return args.length === 0 || args.every(isConstant) ? null : 'high';
    },
    message: 'new Function with a body computed at run time: whoever controls it runs code',
    fixHint: 'Build behaviour from closures or a lookup table instead of source text.',
  },
  {
    id: 'injection.shell-command',
    trigger: /child_process|\bexeca\b|shelljs/,
    pattern: /(?<![\w$])(?:exec|execSync|execAsync|spawn|spawnSync|execFile|execFileSync)\s*\(/g,
    judge(text, match) {
      const args = argumentsAt(text, match);
      const command = args[0] ?? '';
      if (!isBuiltString(command)) return null;
      if (/^exec(?:Sync|Async)?\s*\(/.test(match[0])) return 'critical';
      return args.some((arg) => /\bshell\s*:\s*true\b/.test(arg)) ? 'critical' : null;
    },
    message:
      'shell command built from values by interpolation or concatenation (command injection)',
    fixHint:
      'Use execFile/spawn with the program and an argument array (no shell), so values are never parsed by a shell.',
  },
  {
    id: 'injection.html-sink',
    trigger: /(?:inner|outer)HTML|insertAdjacentHTML/,
    pattern: /\.(?:innerHTML|outerHTML)\s*\+?=(?!=)\s*|\.insertAdjacentHTML\s*\(/g,
    judge(text, match) {
      const html = match[0].includes('insertAdjacentHTML')
        ? (argumentsAt(text, match)[1] ?? '')
        : readExpression(text, match.index + match[0].length);
      return html === '' || isConstant(html) || sanitized.test(html) ? null : 'high';
    },
    message: 'HTML from a computed value written into the page (cross-site scripting)',
    fixHint:
      'Set textContent instead, build nodes with createElement, or sanitise with DOMPurify.sanitize().',
  },
  {
    id: 'injection.document-write',
    trigger: /document\.write/,
    pattern: /\bdocument\.write(?:ln)?\s*\(/g,
    judge(text, match) {
      const args = argumentsAt(text, match);
      return args.every((arg) => isConstant(arg) || sanitized.test(arg)) ? null : 'high';
    },
    message: 'document.write of a computed value (cross-site scripting)',
    fixHint: 'Build the content with DOM methods and textContent; document.write is obsolete.',
  },
  {
    id: 'injection.react-dangerous-html',
    trigger: /dangerouslySetInnerHTML/,
    pattern:
      /dangerouslySetInnerHTML\s*[=:]\s*\{?\s*\{\s*__html\s*:\s*|dangerouslySetInnerHTML\s*=\s*\{(?!\s*\{)/g,
    judge(text, match) {
      const html = match[0].includes('__html')
        ? readExpression(text, match.index + match[0].length)
        : '?';
      return isConstant(html) || sanitized.test(html) ? null : 'high';
    },
    message: 'dangerouslySetInnerHTML with a computed value (cross-site scripting)',
    fixHint: 'Render the value as text ({value}), or sanitise it with DOMPurify.sanitize() first.',
  },
];
