import ts from 'typescript';
import type { Assertion, TestCase, TestFileFacts } from './test-facts.ts';

const testFunctions = new Set(['it', 'test', 'specify']);
const blockFunctions = new Set(['describe', 'suite', 'context']);
const skippedAliases = new Set(['xit', 'xtest', 'xdescribe', 'xspecify', 'xcontext']);
const focusedAliases = new Set(['fit', 'fdescribe', 'ftest']);
const assertionRoots = new Set([
  'expect',
  'assert',
  'chai',
  'should',
  'expectTypeOf',
  'assertType',
]);
const mockCalls = new Set([
  'vi.mock',
  'vi.doMock',
  'jest.mock',
  'jest.doMock',
  'jest.unstable_mockModule',
]);
const equalityAsserts =
  /^(?:assert\.)?(?:equal|strictEqual|deepEqual|deepStrictEqual|is|same|eql)$/;

/** What a JavaScript or TypeScript test file holds: its tests, assertions, skips and mocks. */
export function javascriptTestFacts(path: string, text: string): TestFileFacts {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const facts: TestFileFacts = { cases: [], assertions: [], skips: [], mocks: [] };
  const asserting = assertingHelpers(source);
  const lineOf = (node: ts.Node) =>
    source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

  const visit = (node: ts.Node, titles: string[], test: string | null): void => {
    if (ts.isCallExpression(node)) {
      const call = describeTestCall(node);
      if (call) {
        const title = [...titles, call.title].join(' > ');
        if (call.skipped)
          facts.skips.push({ line: lineOf(node), construct: call.construct, target: title });
        if (call.focused)
          facts.skips.push({ line: lineOf(node), construct: call.construct, target: title });
        if (call.kind === 'test') {
          const before = facts.assertions.length;
          const helperCalls = call.body ? countHelperCalls(call.body, asserting) : 0;
          const testCase: TestCase = { name: title, line: lineOf(node), assertions: 0 };
          facts.cases.push(testCase);
          if (call.body) ts.forEachChild(call.body, (child) => visit(child, titles, title));
          testCase.assertions = facts.assertions.length - before + helperCalls;
          return;
        }
        if (call.body)
          ts.forEachChild(call.body, (child) => visit(child, [...titles, call.title], test));
        return;
      }
      const assertion = describeAssertion(node, source, test);
      if (assertion) facts.assertions.push({ ...assertion, line: lineOf(node) });
      const mock = describeMock(node);
      if (mock) facts.mocks.push({ line: lineOf(node), target: mock });
    }
    ts.forEachChild(node, (child) => visit(child, titles, test));
  };
  visit(source, [], null);
  return facts;
}

function scriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** `a.b.c` for an identifier chain, or null. */
function chainOf(expression: ts.Expression): string[] | null {
  if (ts.isIdentifier(expression)) return [expression.text];
  if (ts.isPropertyAccessExpression(expression)) {
    const left = chainOf(expression.expression);
    return left ? [...left, expression.name.text] : null;
  }
  // test.each(table)('title', fn), it.skipIf(cond)('title', fn)
  if (ts.isCallExpression(expression)) {
    const left = chainOf(expression.expression);
    if (!left) return null;
    const last = left.at(-1);
    if (last === 'skipIf' || last === 'runIf') {
      const condition = expression.arguments[0];
      const constant = condition && isLiteral(condition) ? literalTruth(condition) : null;
      if (constant === (last === 'skipIf')) return [...left.slice(0, -1), 'skip'];
      return left.slice(0, -1);
    }
    return left;
  }
  return null;
}

interface TestCall {
  kind: 'test' | 'block';
  title: string;
  construct: string;
  skipped: boolean;
  focused: boolean;
  body: ts.Node | undefined;
}

function describeTestCall(node: ts.CallExpression): TestCall | null {
  const chain = chainOf(node.expression);
  if (!chain) return null;
  const [root, ...modifiers] = chain;
  if (root === undefined) return null;
  const kind =
    testFunctions.has(root) ||
    root === 'xit' ||
    root === 'xtest' ||
    root === 'fit' ||
    root === 'ftest' ||
    root === 'xspecify'
      ? 'test'
      : blockFunctions.has(root) ||
          root === 'xdescribe' ||
          root === 'fdescribe' ||
          root === 'xcontext'
        ? 'block'
        : null;
  if (!kind || modifiers.some((modifier) => !knownModifiers.has(modifier))) return null;
  if (modifiers.includes('todo')) return null;
  const title = node.arguments[0];
  const body = [...node.arguments].reverse().find((argument) => ts.isFunctionLike(argument));
  if (!title || (!body && kind === 'block')) return null;
  const options = node.arguments.find((argument) => ts.isObjectLiteralExpression(argument));
  return {
    kind,
    title: ts.isStringLiteralLike(title) ? title.text : title.getText(),
    construct: chain.join('.'),
    skipped:
      skippedAliases.has(root) ||
      modifiers.includes('skip') ||
      (options !== undefined && optionIsTrue(options, 'skip')),
    focused:
      focusedAliases.has(root) ||
      modifiers.includes('only') ||
      (options !== undefined && optionIsTrue(options, 'only')),
    body,
  };
}

const knownModifiers = new Set([
  'skip',
  'only',
  'todo',
  'each',
  'concurrent',
  'sequential',
  'fails',
  'runIf',
  'skipIf',
]);

function optionIsTrue(options: ts.ObjectLiteralExpression, name: string): boolean {
  return options.properties.some(
    (property) =>
      ts.isPropertyAssignment(property) &&
      property.name.getText() === name &&
      (property.initializer.kind === ts.SyntaxKind.TrueKeyword ||
        ts.isStringLiteralLike(property.initializer)),
  );
}

function isLiteral(node: ts.Node): boolean {
  return (
    ts.isNumericLiteral(node) ||
    ts.isStringLiteralLike(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined') ||
    (ts.isPrefixUnaryExpression(node) && isLiteral(node.operand))
  );
}

function literalTruth(node: ts.Node): boolean {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (ts.isNumericLiteral(node)) return Number(node.text) !== 0;
  if (ts.isStringLiteralLike(node)) return node.text !== '';
  return false;
}

/** An assertion call (`expect(a).toBe(b)`, `assert.equal(a, b)`, `.expect(200)`), or null. */
function describeAssertion(
  node: ts.CallExpression,
  source: ts.SourceFile,
  test: string | null,
): Omit<Assertion, 'line'> | null {
  const chain = chainOf(node.expression);
  const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : null;
  if (chain?.[0] === 'expect' && chain.length === 1) return expectAssertion(node, source, test);
  if (chain && assertionRoots.has(chain[0] ?? '') && chain[0] !== 'expect') {
    const [actual, expected] = node.arguments;
    if (!actual) return { test, actual: '', expected: null, constant: false };
    const name = chain.slice(1).join('.');
    if (equalityAsserts.test(name) && expected) {
      return {
        test,
        actual: actual.getText(source),
        expected: expected.getText(source),
        constant: sameOrLiterals(actual, expected, source),
      };
    }
    return {
      test,
      actual: actual.getText(source),
      expected: null,
      constant: name === '' || name === 'ok' ? isLiteral(actual) && literalTruth(actual) : false,
    };
  }
  // supertest's request(app).get('/').expect(200) and node:test's t.assert.*
  if (callee === 'expect' && (chain === null || chain.length > 1)) {
    const expected = node.arguments[0];
    return {
      test,
      actual: (node.expression as ts.PropertyAccessExpression).expression.getText(source),
      expected: expected?.getText(source) ?? null,
      constant: false,
    };
  }
  if (chain && chain.length >= 3 && chain[1] === 'assert') {
    const [actual, expected] = node.arguments;
    return {
      test,
      actual: actual?.getText(source) ?? '',
      expected: expected?.getText(source) ?? null,
      constant:
        actual !== undefined && expected !== undefined && sameOrLiterals(actual, expected, source),
    };
  }
  return null;
}

/** `expect(actual)[.not|.resolves|.rejects].matcher(expected)`: found from the `expect(...)` call. */
function expectAssertion(
  node: ts.CallExpression,
  source: ts.SourceFile,
  test: string | null,
): Omit<Assertion, 'line'> {
  const actual = node.arguments[0];
  let outer: ts.Node = node;
  while (
    ts.isPropertyAccessExpression(outer.parent) &&
    ts.isPropertyAccessExpression(outer.parent.parent)
  )
    outer = outer.parent;
  const matcherCall =
    ts.isPropertyAccessExpression(outer.parent) && ts.isCallExpression(outer.parent.parent)
      ? outer.parent.parent
      : null;
  const expected = matcherCall?.arguments[0];
  const actualText = actual?.getText(source) ?? '';
  return {
    test,
    actual: actualText,
    expected: expected ? expected.getText(source) : null,
    constant:
      actual !== undefined &&
      ((isLiteral(actual) && (expected === undefined || isLiteral(expected))) ||
        (expected !== undefined && sameOrLiterals(actual, expected, source))),
  };
}

function sameOrLiterals(actual: ts.Node, expected: ts.Node, source: ts.SourceFile): boolean {
  return (
    (isLiteral(actual) && isLiteral(expected)) ||
    actual.getText(source) === expected.getText(source)
  );
}

function describeMock(node: ts.CallExpression): string | null {
  const chain = chainOf(node.expression);
  if (!chain || !mockCalls.has(chain.join('.'))) return null;
  const target = node.arguments[0];
  return target && ts.isStringLiteralLike(target) ? target.text : null;
}

/** Local functions that assert, so that `check(result)` in a test counts as an assertion. */
function assertingHelpers(source: ts.SourceFile): Set<string> {
  const bodies = new Map<string, ts.Node>();
  const collect = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name && node.body)
      bodies.set(node.name.text, node.body);
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isFunctionLike(node.initializer)
    )
      bodies.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(source);
  const asserting = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, body] of bodies) {
      if (asserting.has(name)) continue;
      if (containsAssertion(body, source, asserting)) {
        asserting.add(name);
        grew = true;
      }
    }
  }
  return asserting;
}

function containsAssertion(body: ts.Node, source: ts.SourceFile, asserting: Set<string>): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      (describeAssertion(node, source, null) ||
        (ts.isIdentifier(node.expression) && asserting.has(node.expression.text)))
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

function countHelperCalls(body: ts.Node, asserting: Set<string>): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      asserting.has(node.expression.text)
    )
      count++;
    ts.forEachChild(node, visit);
  };
  visit(body);
  return count;
}
