import { describe, expect, it } from 'vitest';
import { analyzeJavaScriptPerformance } from './javascript-performance.ts';
import { analyzePythonPerformance } from './python-performance.ts';

const rulesAt = (findings: { rule: string; line: number }[]) =>
  findings.map((finding) => `${finding.line} ${finding.rule}`);

describe('the JavaScript performance analyzer (syntax tree)', () => {
  it('finds queries in loops and iteration callbacks for raw SQL and ORMs, not outside them', () => {
    const code = [
      "const rows = await db.query('SELECT id FROM users WHERE active');", // 1: before the loop
      'for (const row of rows) {', // 2
      "  await pool.query('SELECT * FROM orders WHERE user_id = $1 LIMIT 9', [row.id]);", // 3
      '}', // 4
      'await Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } })));', // 5
      'ids.forEach(async (id) => { await User.findByPk(id); });', // 6
      'while (more) { more = await repository.findOneBy({ id: next }); }', // 7
      'const found = ids.find((id) => id > 2);', // 8: Array.find is not a query
      "for (const item of await db.query('SELECT * FROM items WHERE a LIMIT 5')) use(item);", // 9: the iterable runs once
      'for (const migration of migrations) db.exec(migration.sql);', // 10: a fixed list in the code
      "const migrations = ['CREATE TABLE a (id)', 'CREATE TABLE b (id)'];", // 11
    ].join('\n');
    expect(rulesAt(analyzeJavaScriptPerformance('src/x.ts', code))).toEqual([
      '3 perf/query-in-loop',
      '5 perf/query-in-loop',
      '6 perf/query-in-loop',
      '7 perf/query-in-loop',
    ]);
  });

  it('finds synchronous I/O, unbounded reads and uncapped bodies in request handlers only', () => {
    const code = [
      "import fs from 'node:fs';",
      "const config = fs.readFileSync('config.json');", // 2: at start-up, fine
      "app.get('/items', async (req, res) => {",
      "  const template = fs.readFileSync('page.html', 'utf8');", // 4
      "  const items = await db.query('SELECT * FROM items');", // 5
      '  const posts = await prisma.post.findMany();', // 6
      '  const page = await prisma.post.findMany({ take: 20 });', // 7: bounded
      "  let body = '';",
      "  req.on('data', (chunk) => { body += chunk; });", // 9
      '  res.json({ items, posts, page, template });',
      '});',
    ].join('\n');
    expect(rulesAt(analyzeJavaScriptPerformance('src/app.js', code))).toEqual([
      '4 perf/sync-io-in-handler',
      '5 perf/unbounded-read',
      '6 perf/unbounded-read',
      '9 perf/unbounded-body',
    ]);
  });
});

describe('the Python performance analyzer (indentation scopes)', () => {
  it('finds N+1 in loops and comprehensions, blocking calls in async handlers and unbounded reads', () => {
    const code = [
      'from fastapi import FastAPI',
      'app = FastAPI()',
      '',
      '@app.get("/users")',
      'async def users():',
      '    rows = cursor.execute("SELECT * FROM users")', // 6
      '    for row in rows:',
      '        cursor.execute("SELECT * FROM orders WHERE user_id = ?", (row[0],))', // 8
      '    names = [User.objects.get(id=i) for i in ids]', // 9
      '    data = open("x.json").read()', // 10
      '    return rows',
      '',
      'def report():',
      '    data = open("x.json").read()', // 14: not a handler
      '    return Item.objects.all()[:50]', // 15: sliced
    ].join('\n');
    expect(rulesAt(analyzePythonPerformance('app.py', code))).toEqual([
      '6 perf/unbounded-read',
      '8 perf/query-in-loop',
      '9 perf/query-in-loop',
      '10 perf/sync-io-in-handler',
    ]);
  });
});
