import ts from 'typescript';
import type { AnalyzerFinding } from './analyzer-finding.ts';
import { isUnboundedSelect, queryCallLabel } from './query-calls.ts';

/** Where a node sits: inside a loop (the loop's line) and inside a request handler. */
interface Scope {
  loopLine: number | null;
  handler: boolean;
}

const iterationMethods = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'some',
  'every',
  'find',
]);
const routeMethods = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'use',
  'options',
  'head',
  'route',
]);
const routerNames =
  /^(?:app|router|server|api|fastify|hono|routes?|r|instance)$|(?:Router|App|Server)$/;
const httpExports = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/**
 * The performance analyzer of JavaScript and TypeScript, on the compiler's syntax tree: a
 * database call inside a loop or an iteration callback (N+1), synchronous I/O inside a request
 * handler (Express, Hono, Fastify, `http.createServer`, exported route functions), and reads
 * without a bound (a SELECT without LIMIT or WHERE, `findMany()` without `take`, a request
 * body gathered with no size check).
 */
export function analyzeJavaScriptPerformance(file: string, text: string): AnalyzerFinding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  const findings: AnalyzerFinding[] = [];
  const lineOf = (node: ts.Node) =>
    source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = (node: ts.Node, finding: Omit<AnalyzerFinding, 'reviewer' | 'file' | 'line'>) =>
    findings.push({ reviewer: 'performance', file, line: lineOf(node), ...finding });

  const literalLists = moduleLevelArrayLiterals(source);
  const visit = (node: ts.Node, scope: Scope): void => {
    if (ts.isCallExpression(node)) checkCall(node, scope);
    if (ts.isFunctionDeclaration(node) && isExportedRoute(node)) {
      ts.forEachChild(node, (child) => visit(child, { ...scope, handler: true }));
      return;
    }
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      visit(node.initializer, scope);
      visit(node.expression, scope);
      if (ts.isForOfStatement(node) && node.awaitModifier && scope.handler) checkBodyLoop(node);
      // A loop over a list written in the code (migrations, seed rows) runs a fixed number of
      // times, whatever the data: not N+1.
      const fixed = ts.isIdentifier(node.expression) && literalLists.has(node.expression.text);
      visit(node.statement, fixed ? scope : { ...scope, loopLine: lineOf(node) });
      return;
    }
    if (ts.isForStatement(node)) {
      if (node.initializer) visit(node.initializer, scope);
      const inLoop = { ...scope, loopLine: lineOf(node) };
      for (const part of [node.condition, node.incrementor, node.statement])
        if (part) visit(part, inLoop);
      return;
    }
    if (ts.isWhileStatement(node) || ts.isDoStatement(node)) {
      ts.forEachChild(node, (child) => visit(child, { ...scope, loopLine: lineOf(node) }));
      return;
    }
    if (ts.isCallExpression(node)) {
      const inner = callbackScope(node, scope);
      if (inner) {
        visit(node.expression, scope);
        for (const argument of node.arguments)
          visit(argument, isFunction(argument) ? inner : scope);
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, scope));
  };

  /** The scope of a call's function arguments, when they differ: an iteration or a handler. */
  const callbackScope = (call: ts.CallExpression, scope: Scope): Scope | null => {
    const chain = calleeChain(call.expression);
    const method = chain.at(-1) ?? '';
    if (chain.length >= 2 && iterationMethods.has(method))
      return { ...scope, loopLine: lineOf(call) };
    const receiver = chain.at(-2) ?? '';
    if (
      chain.length >= 2 &&
      routeMethods.has(method) &&
      routerNames.test(receiver.replace(/\(\)$/, ''))
    )
      return { ...scope, handler: true };
    if (method === 'createServer') return { ...scope, handler: true };
    return null;
  };

  const checkCall = (call: ts.CallExpression, scope: Scope) => {
    const chain = calleeChain(call.expression);
    const label = queryCallLabel(chain);
    if (label && scope.loopLine !== null) {
      add(call, {
        severity: 'high',
        rule: 'perf/query-in-loop',
        title: `Database call ${label}() inside a loop (N+1 queries)`,
        detail: `${label}() runs once per iteration of the loop at line ${scope.loopLine}: one query per item. Fetch the rows in one query (WHERE id IN (…), a join, or the ORM's include/relations) before the loop.`,
      });
    }
    if (label) checkUnboundedRead(call, chain, label, scope);
    const method = chain.at(-1) ?? '';
    if (scope.handler && /^[a-z]\w*Sync$/.test(method)) {
      add(call, {
        severity: 'medium',
        rule: 'perf/sync-io-in-handler',
        title: `Synchronous ${method}() in a request handler`,
        detail: `${method}() blocks the event loop: every other request waits while it runs. Use the asynchronous form (fs/promises, child_process with a callback or promise).`,
      });
    }
    if (scope.handler && method === 'on' && isStringArgument(call, 'data')) checkBodyListener(call);
  };

  const checkUnboundedRead = (
    call: ts.CallExpression,
    chain: string[],
    label: string,
    scope: Scope,
  ) => {
    const first = call.arguments[0];
    const sql =
      first && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first))
        ? first.getText(source).slice(1, -1)
        : null;
    const method = chain.at(-1) ?? '';
    const unboundedSql = sql !== null && isUnboundedSelect(sql);
    const unboundedOrm =
      ['findMany', 'findAll', 'find'].includes(method) &&
      !(
        first &&
        ts.isObjectLiteralExpression(first) &&
        hasProperty(first, ['take', 'limit', 'where', 'first', 'skip', 'cursor'])
      ) &&
      !(first && !ts.isObjectLiteralExpression(first));
    if (!unboundedSql && !unboundedOrm) return;
    add(call, {
      severity: scope.handler ? 'medium' : 'low',
      rule: 'perf/unbounded-read',
      title: `Unbounded read: ${label}() returns every row`,
      detail: `${unboundedSql ? 'The query has neither LIMIT nor WHERE' : `${method}() is called without a limit`}: the response grows with the table. Page it (LIMIT/OFFSET, take/skip, a cursor).`,
    });
  };

  const checkBodyListener = (call: ts.CallExpression) => {
    const listener = call.arguments[1];
    if (!listener || !isFunction(listener)) return;
    const text = listener.getText(source);
    if (/\+=|\.push\(|concat\(/.test(text) && !hasSizeCheck(text)) {
      add(call, {
        severity: 'medium',
        rule: 'perf/unbounded-body',
        title: 'Request body read without a size cap',
        detail:
          'The whole body is gathered in memory with no limit: one large request exhausts memory. Count the bytes and reply 413 past a limit, or use a body parser with a limit.',
      });
    }
  };

  const checkBodyLoop = (loop: ts.ForOfStatement) => {
    const text = loop.statement.getText(source);
    if (/\+=|\.push\(|concat\(/.test(text) && !hasSizeCheck(text)) {
      add(loop, {
        severity: 'medium',
        rule: 'perf/unbounded-body',
        title: 'Request body read without a size cap',
        detail:
          'Every chunk of the body is gathered in memory with no limit. Count the bytes and stop with 413 past a limit.',
      });
    }
  };

  visit(source, { loopLine: null, handler: false });
  return findings;
}

function hasSizeCheck(text: string): boolean {
  return /(?:length|byteLength|size|received|total)\s*[<>]=?|limit/i.test(text);
}

/** `a.b(c).d` → `['a', 'b()', 'd']`. */
export function calleeChain(expression: ts.Expression): string[] {
  if (ts.isIdentifier(expression) || ts.isPrivateIdentifier(expression)) return [expression.text];
  if (expression.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  if (ts.isPropertyAccessExpression(expression))
    return [...calleeChain(expression.expression), expression.name.text];
  if (ts.isCallExpression(expression)) {
    const chain = calleeChain(expression.expression);
    return [...chain.slice(0, -1), `${chain.at(-1) ?? '?'}()`];
  }
  if (
    ts.isAwaitExpression(expression) ||
    ts.isParenthesizedExpression(expression) ||
    ts.isNonNullExpression(expression)
  )
    return calleeChain(expression.expression);
  return ['?'];
}

function isFunction(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

function isExportedRoute(node: ts.FunctionDeclaration): boolean {
  const exported = node.modifiers?.some(
    (modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword,
  );
  return Boolean(exported && node.name && httpExports.test(node.name.text));
}

function isStringArgument(call: ts.CallExpression, value: string): boolean {
  const first = call.arguments[0];
  return Boolean(first && ts.isStringLiteralLike(first) && first.text === value);
}

function hasProperty(object: ts.ObjectLiteralExpression, names: string[]): boolean {
  return object.properties.some(
    (property) =>
      property.name !== undefined &&
      ts.isIdentifier(property.name) &&
      names.includes(property.name.text),
  );
}

function scriptKindOf(file: string): ts.ScriptKind {
  if (/\.tsx$/.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(file)) return ts.ScriptKind.JSX;
  if (/\.[cm]?ts$/.test(file)) return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

/** Names bound at the top of the module to an array written out in the code: `const steps = [...]`. */
function moduleLevelArrayLiterals(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (
        ts.isIdentifier(declaration.name) &&
        declaration.initializer &&
        ts.isArrayLiteralExpression(declaration.initializer)
      )
        names.add(declaration.name.text);
    }
  }
  return names;
}
