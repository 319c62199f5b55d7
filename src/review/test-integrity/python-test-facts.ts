import {
  callArguments,
  pythonLogicalLines,
  splitArguments,
  type LogicalLine,
} from './python-logical-lines.ts';
import type { Assertion, ModuleMock, SkipMark, TestFileFacts } from './test-facts.ts';

const definition = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;
const classDefinition = /^class\s+([A-Za-z_]\w*)/;
const skipDecorator =
  /^@(?:pytest\.mark\.(?:skip|xfail)\b(?!if)|unittest\.skip\b(?!If|Unless)|unittest\.expectedFailure\b)/;
const constantSkipIf = /^@(?:pytest\.mark\.skipif|unittest\.skipIf)\(\s*(?:True|1)\s*[,)]/;
const bodySkip = /^(?:pytest\.skip|self\.skipTest)\(/;
const patchCall = /\b(?:mock\.patch|mocker\.patch|patch|monkeypatch\.setattr)(?:\.object)?\(/g;
const pythonLiteral = /^(?:True|False|None|-?\d+(?:\.\d+)?|(?:[rbuf]|rb|br)?(?:"[^"]*"|'[^']*'))$/i;

/** What a pytest or unittest file holds: its tests, assertions, skips and patches. */
export function pythonTestFacts(text: string): TestFileFacts {
  const lines = pythonLogicalLines(text);
  const facts: TestFileFacts = { cases: [], assertions: [], skips: [], mocks: [] };
  const asserting = assertingHelpers(lines);
  const classes: { name: string; indent: number; skipped: SkipMark | null }[] = [];
  lines.forEach((line, index) => {
    while (
      classes.length > 0 &&
      line.indent <= (classes.at(-1)?.indent ?? -1) &&
      !line.code.startsWith('@')
    )
      classes.pop();
    facts.mocks.push(...mocksIn(line));
    const decorators = decoratorsAbove(lines, index);
    const klass = classDefinition.exec(line.code);
    if (klass?.[1]) {
      const skip = skipAmong(decorators, klass[1]);
      if (skip) facts.skips.push(skip);
      classes.push({ name: klass[1], indent: line.indent, skipped: skip });
      return;
    }
    const name = definition.exec(line.code)?.[1];
    if (!name?.startsWith('test')) return;
    const owner = classes.at(-1);
    const title = owner ? `${owner.name} > ${name}` : name;
    const skip = skipAmong(decorators, title);
    if (skip) facts.skips.push(skip);
    const body = bodyOf(lines, index);
    let assertions = 0;
    for (const statement of body) {
      if (bodySkip.test(statement.code) && statement.indent === body[0]?.indent)
        facts.skips.push({
          line: statement.line,
          construct: statement.code.split('(')[0] ?? '',
          target: title,
        });
      const assertion = assertionIn(statement, title);
      if (assertion) {
        facts.assertions.push(assertion);
        assertions++;
      } else if (/\bpytest\.raises\(|\bself\.assert\w*\(|\bassert_\w+\(/.test(statement.code))
        assertions++;
      else if ([...asserting].some((helper) => new RegExp(`\\b${helper}\\(`).test(statement.code)))
        assertions++;
    }
    facts.cases.push({ name: title, line: line.line, assertions });
  });
  return facts;
}

function decoratorsAbove(lines: LogicalLine[], index: number): LogicalLine[] {
  const decorators: LogicalLine[] = [];
  for (let above = index - 1; above >= 0; above--) {
    const line = lines[above];
    if (!line?.code.startsWith('@')) break;
    decorators.unshift(line);
  }
  return decorators;
}

function skipAmong(decorators: LogicalLine[], target: string): SkipMark | null {
  const found = decorators.find(
    (line) => skipDecorator.test(line.code) || constantSkipIf.test(line.code),
  );
  return found ? { line: found.line, construct: found.code.replace(/\(.*$/, ''), target } : null;
}

function bodyOf(lines: LogicalLine[], index: number): LogicalLine[] {
  const head = lines[index];
  if (!head) return [];
  const body: LogicalLine[] = [];
  for (let next = index + 1; next < lines.length; next++) {
    const line = lines[next];
    if (!line || line.indent <= head.indent) break;
    body.push(line);
  }
  return body;
}

/** `assert a == b`, `assert a`, `self.assertEqual(a, b)`, `self.assertTrue(a)`. */
function assertionIn(line: LogicalLine, test: string): Assertion | null {
  const statement = /^assert\s+(.*?)(?:\s*,\s*(?:"[^"]*"|'[^']*'|f"[^"]*"))?$/.exec(line.code);
  if (statement?.[1]) {
    const [left, right] = splitComparison(statement[1]);
    return assertion(line.line, test, left, right);
  }
  const method = /^self\.assert(\w+)\(/.exec(line.code);
  if (method) {
    const [actual = '', expected] = splitArguments(
      callArguments(line.code, line.code.indexOf('(')),
    );
    const unary = /^(?:True|False|IsNone|IsNotNone)$/.test(method[1] ?? '');
    return assertion(line.line, test, actual, unary ? null : (expected ?? null));
  }
  return null;
}

function splitComparison(expression: string): [string, string | null] {
  const match = /^(.*?)\s*(?:==|!=|\bis\b|\bin\b)\s*(.*)$/.exec(expression);
  return match?.[1] && match[2] ? [match[1], match[2]] : [expression.trim(), null];
}

function assertion(line: number, test: string, actual: string, expected: string | null): Assertion {
  const constant =
    (pythonLiteral.test(actual) && (expected === null || pythonLiteral.test(expected))) ||
    (expected !== null && actual === expected);
  return { line, test, actual, expected, constant };
}

function mocksIn(line: LogicalLine): ModuleMock[] {
  const mocks: ModuleMock[] = [];
  for (const match of line.code.matchAll(patchCall)) {
    const [first] = splitArguments(
      callArguments(line.code, (match.index ?? 0) + match[0].length - 1),
    );
    if (!first) continue;
    const quoted = /^["'](.*)["']$/.exec(first);
    mocks.push({ line: line.line, target: quoted?.[1] ?? first });
  }
  return mocks;
}

/** Module-level helpers (not tests) whose bodies assert, so a call to them counts. */
function assertingHelpers(lines: LogicalLine[]): Set<string> {
  const helpers = new Set<string>();
  lines.forEach((line, index) => {
    const name = definition.exec(line.code)?.[1];
    if (!name || name.startsWith('test')) return;
    if (
      bodyOf(lines, index).some((statement) =>
        /^assert\b|\bself\.assert\w*\(|\bpytest\.raises\(/.test(statement.code),
      )
    )
      helpers.add(name);
  });
  return helpers;
}
