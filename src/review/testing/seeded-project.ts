import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ReviewLesson } from '../review-output.ts';

/** The lesson the seeded project's config module breaks. */
export const portLesson: ReviewLesson = {
  id: 'lesson-config-env',
  content:
    'Read the port and every other setting from environment variables; never hard-code them.',
  tags: ['config'],
};

/**
 * A small Node project with one seeded defect per reviewer, each at a known line: SQL built by
 * concatenation (users.ts:4), a query inside a loop (orders.ts:6), an import cycle
 * (a.ts ↔ b.ts, the import at line 1), and a hard-coded port against `portLesson` (config.ts:2).
 */
export const seededFiles: Record<string, string> = {
  'package.json': '{ "name": "shop", "type": "module" }\n',
  'src/db.ts':
    'export const db = { query: async (sql: string, params: unknown[] = []) => ({ rows: [] as { id: number }[], sql, params }) };\n',
  'src/users.ts': [
    "import { db } from './db.ts';",
    '',
    'export async function findUser(name: string) {',
    `  return db.query("SELECT * FROM users WHERE name = '" + name + "'");`,
    '}',
    '',
  ].join('\n'),
  'src/orders.ts': [
    "import { db } from './db.ts';",
    '',
    'export async function ordersOf(userIds: number[]) {',
    '  const orders = [];',
    '  for (const id of userIds) {',
    "    orders.push(await db.query('SELECT * FROM orders WHERE user_id = $1 LIMIT 50', [id]));",
    '  }',
    '  return orders;',
    '}',
    '',
  ].join('\n'),
  'src/a.ts': "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n",
  'src/b.ts':
    "import { a } from './a.ts';\nexport const b = (): number => (Math.random() > 2 ? a() : 0);\n",
  'src/config.ts': '// Settings of the shop.\nexport const port = 3000;\n',
  'src/index.ts':
    "import { port } from './config.ts';\nimport { a } from './a.ts';\nimport { findUser } from './users.ts';\nimport { ordersOf } from './orders.ts';\nexport { port, a, findUser, ordersOf };\n",
};

/** Writes files into a new git repository in a temp dir and commits them; returns its root. */
export function gitProject(files: Record<string, string>, prefix = 'loki-review-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  writeFiles(root, files);
  git(root, 'init', '-q', '-b', 'main');
  commitAll(root, 'initial');
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function commitAll(root: string, message: string): string {
  git(root, 'add', '-A');
  git(
    root,
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@t',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    message,
  );
  return git(root, 'rev-parse', 'HEAD').trim();
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' });
}
