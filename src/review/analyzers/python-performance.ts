import type { AnalyzerFinding } from './analyzer-finding.ts';
import { isUnboundedSelect } from './query-calls.ts';

/** A block opened by a line ending in `:`, closed when a line is indented no deeper. */
interface Block {
  indent: number;
  kind: 'loop' | 'handler' | 'other';
  line: number;
  async: boolean;
}

const queryCall =
  /\b(?:(?:cursor|cur|conn|connection|db|session|database)\.(?:execute|executemany|query|scalars?|get)|\.objects\.(?:get|filter|all|exclude|create|update|delete|count|first|last|values|aggregate|get_or_create)|\.query\.(?:get|filter|filter_by|all|first|get_or_404))\s*\(/;
const routeDecorator =
  /^@\w+(?:\.\w+)*\.(?:get|post|put|patch|delete|route|api_route|websocket)\s*\(/;
const blockingCall =
  /\b(?:open|requests\.(?:get|post|put|patch|delete|request)|time\.sleep|subprocess\.\w+|urllib\.request\.urlopen|os\.system)\s*\(/;
const comprehension = /\bfor\s+[\w, ()]+\s+in\s/;

/**
 * The performance analyzer of Python, scoped by indentation: a database call (DB-API cursors,
 * SQLAlchemy sessions, Django managers, Flask-SQLAlchemy queries) inside a `for`/`while`
 * block or a comprehension (N+1), blocking calls inside an `async def` route handler, and
 * reads without a bound (`.objects.all()` unsliced, `.all()` without `.limit(`, a SELECT
 * without LIMIT or WHERE).
 */
export function analyzePythonPerformance(file: string, text: string): AnalyzerFinding[] {
  const findings: AnalyzerFinding[] = [];
  const blocks: Block[] = [];
  let decorators: string[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const code = raw.replace(/\s+#.*$/, '');
    const trimmed = code.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const indent = code.length - code.trimStart().length;
    while (blocks.length > 0 && blocks.at(-1)!.indent >= indent) blocks.pop();
    const loop = blocks.findLast((block) => block.kind === 'loop');
    const handler = blocks.find((block) => block.kind === 'handler');
    const add = (finding: Omit<AnalyzerFinding, 'reviewer' | 'file' | 'line'>) =>
      findings.push({ reviewer: 'performance', file, line, ...finding });
    const query = queryCall.exec(trimmed);
    if (query) {
      const owner = query[0].startsWith('.')
        ? (/\w+$/.exec(trimmed.slice(0, query.index))?.[0] ?? '')
        : '';
      const label = owner + query[0].replace(/\s*\($/, '');
      const inComprehension =
        comprehension.test(trimmed.slice(query.index)) && !/^(?:async\s+)?for\b/.test(trimmed);
      if (loop || inComprehension) {
        add({
          severity: 'high',
          rule: 'perf/query-in-loop',
          title: `Database call ${label}() inside a loop (N+1 queries)`,
          detail: `${label}() runs once per iteration of ${loop ? `the loop at line ${loop.line}` : 'the comprehension'}: one query per item. Fetch the rows in one query (IN (…), a join, select_related/prefetch_related, selectinload) before the loop.`,
        });
      }
      if (isUnboundedPython(trimmed)) {
        add({
          severity: handler ? 'medium' : 'low',
          rule: 'perf/unbounded-read',
          title: `Unbounded read: ${label}() returns every row`,
          detail:
            'The read has no limit: the response grows with the table. Page it (LIMIT/OFFSET, a slice, .limit()).',
        });
      }
    }
    if (handler?.async && blockingCall.test(trimmed)) {
      add({
        severity: 'medium',
        rule: 'perf/sync-io-in-handler',
        title: `Blocking call in an async request handler`,
        detail: `${blockingCall.exec(trimmed)![0].replace(/\s*\($/, '')}() blocks the event loop inside async def: every other request waits. Use an async client (httpx.AsyncClient, aiofiles, asyncio.sleep) or run it in a thread (run_in_threadpool).`,
      });
    }
    if (trimmed.startsWith('@')) {
      decorators.push(trimmed);
      return;
    }
    if (trimmed.endsWith(':')) {
      const isLoop = /^(?:async\s+)?(?:for|while)\b/.test(trimmed);
      const isDef = /^(?:async\s+)?def\b/.test(trimmed);
      const isHandler = isDef && decorators.some((decorator) => routeDecorator.test(decorator));
      blocks.push({
        indent,
        line,
        kind: isLoop ? 'loop' : isHandler ? 'handler' : 'other',
        async: trimmed.startsWith('async'),
      });
    }
    decorators = [];
  });
  return findings;
}

function isUnboundedPython(statement: string): boolean {
  if (/\.objects\.all\(\)(?!\s*\[)/.test(statement)) return true;
  if (/\.all\(\)/.test(statement) && /\.query\b|session\.query|\.filter/.test(statement) === true)
    return !/\.limit\(|\.filter|\.where|\[/.test(
      statement.replace(/\.all\(\).*$/, '').replace(/^[^.]*\.query/, ''),
    );
  const literal = /\.execute\(\s*[fr]?(["'])(.*?)\1/.exec(statement);
  return literal !== null && isUnboundedSelect(literal[2]!);
}
