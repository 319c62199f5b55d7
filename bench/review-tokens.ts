// Prompt tokens the reviewers spend on a 10-task project: Loki's review of each task as it is
// merged (`reviewMerge`, as parallel execution runs it: the merge commit's diff against its first
// parent, the changed files, the outlines of what they import), then the review stage's review
// of the whole tree with those task reviews before it (`reviewProduct` with `priors`: the model
// judges only what no task review covered), against the seed prototype's approach, every
// reviewer reading all of the code at each review. Both go through the same gateway and
// scripted model, whose token count is the prompt's length / 4.
// Run: `node bench/review-tokens.ts`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateObject, type ModelGateway } from '../src/model/index.ts';
import { createTestGateway } from '../src/model/testing.ts';
import {
  reviewerNames,
  reviewerReplySchema,
  reviewMerge,
  reviewProduct,
  type PriorReview,
  type ReviewLesson,
} from '../src/review/index.ts';
import { reviewerSystem } from '../src/review/reviewer-prompt.ts';
import { formatBenchResult, isMain, type BenchResult } from './bench-result.ts';

/** The target: Loki's review costs at most 0.3× the seed's prompt tokens. */
const target = 0.3;
const entities = [
  'user',
  'product',
  'order',
  'invoice',
  'review',
  'cart',
  'coupon',
  'shipment',
  'supplier',
];
const lessons: ReviewLesson[] = [
  {
    id: 'lesson-1',
    content: 'Validate every request body with a schema before it reaches the database.',
    tags: ['api'],
  },
  {
    id: 'lesson-2',
    content: 'Pass SQL values as parameters; never concatenate them into the statement.',
    tags: ['sql'],
  },
  {
    id: 'lesson-3',
    content: 'Routes call services; services call the database; nothing skips a layer.',
    tags: ['architecture'],
  },
];

/** The files task `index` leaves (task 0 is the skeleton; tasks 1–9 add one entity each). */
function taskFiles(index: number): Record<string, string> {
  if (index === 0) {
    return {
      'package.json':
        '{ "name": "shop", "type": "module", "scripts": { "test": "node --test" } }\n',
      'src/db.js': [
        "import { DatabaseSync } from 'node:sqlite';",
        '',
        '/** The one database of the shop. */',
        "export const db = new DatabaseSync(process.env.DB_PATH ?? ':memory:');",
        '',
        'export function migrate(statements) {',
        '  for (const statement of statements) db.exec(statement);',
        '}',
        '',
      ].join('\n'),
      'src/app.js': appFile(0),
      'src/validate.js': [
        'export function requireFields(body, fields) {',
        '  const missing = fields.filter((field) => body[field] === undefined);',
        "  if (missing.length > 0) throw Object.assign(new Error(`missing ${missing.join(', ')}`), { status: 400 });",
        '  return body;',
        '}',
        '',
      ].join('\n'),
    };
  }
  const name = entities[index - 1]!;
  const type = name[0]!.toUpperCase() + name.slice(1);
  const service = [
    "import { db, migrate } from '../db.js';",
    '',
    `migrate(['CREATE TABLE IF NOT EXISTS ${name}s (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, created_at TEXT)']);`,
    '',
    ...['list', 'find', 'create', 'update', 'remove'].flatMap((verb) => [
      `/** ${verb} ${name}s. */`,
      `export function ${verb}${type}(input = {}) {`,
      `  const limit = Math.min(Number(input.limit ?? 50), 100);`,
      `  const offset = Number(input.offset ?? 0);`,
      verb === 'list'
        ? `  return db.prepare('SELECT id, name, note FROM ${name}s ORDER BY id LIMIT ? OFFSET ?').all(limit, offset);`
        : verb === 'create'
          ? `  return db.prepare('INSERT INTO ${name}s (name, note, created_at) VALUES (?, ?, ?)').run(input.name, input.note ?? null, new Date().toISOString());`
          : `  return db.prepare('SELECT id, name, note FROM ${name}s WHERE id = ? LIMIT 1').get(Number(input.id));`,
      '}',
      '',
    ]),
  ].join('\n');
  const routes = [
    "import { requireFields } from '../validate.js';",
    `import { list${type}, find${type}, create${type}, update${type}, remove${type} } from './${name}-service.js';`,
    '',
    `/** The HTTP routes of ${name}s. */`,
    `export function ${name}Routes(app) {`,
    `  app.get('/${name}s', (req, res) => res.json(list${type}(req.query)));`,
    `  app.get('/${name}s/:id', (req, res) => {`,
    `    const found = find${type}({ id: req.params.id });`,
    `    if (!found) return res.status(404).json({ error: '${name} not found' });`,
    '    return res.json(found);',
    '  });',
    `  app.post('/${name}s', (req, res) => res.status(201).json(create${type}(requireFields(req.body, ['name']))));`,
    `  app.put('/${name}s/:id', (req, res) => res.json(update${type}({ ...req.body, id: req.params.id })));`,
    `  app.delete('/${name}s/:id', (req, res) => res.status(204).json(remove${type}({ id: req.params.id })));`,
    '}',
    '',
  ].join('\n');
  const test = [
    "import { test } from 'node:test';",
    "import assert from 'node:assert/strict';",
    `import { create${type}, find${type}, list${type} } from '../src/${name}/${name}-service.js';`,
    '',
    ...['creates', 'finds', 'lists', 'pages'].flatMap((what, case_) => [
      `test('${what} ${name}s', () => {`,
      `  const created = create${type}({ name: '${name} ${case_}', note: 'note ${case_}' });`,
      `  assert.ok(created);`,
      `  const found = find${type}({ id: created.lastInsertRowid });`,
      `  assert.equal(found?.name, '${name} ${case_}');`,
      `  assert.ok(list${type}({ limit: 10 }).length >= 1);`,
      '});',
      '',
    ]),
  ].join('\n');
  return {
    [`src/${name}/${name}-service.js`]: service,
    [`src/${name}/${name}-routes.js`]: routes,
    [`test/${name}.test.js`]: test,
    'src/app.js': appFile(index),
  };
}

function appFile(tasks: number): string {
  const names = entities.slice(0, tasks);
  return [
    "import express from 'express';",
    ...names.map((name) => `import { ${name}Routes } from './${name}/${name}-routes.js';`),
    '',
    '/** The shop: every entity mounted on one app. */',
    'export function createApp() {',
    '  const app = express();',
    "  app.use(express.json({ limit: '100kb' }));",
    ...names.map((name) => `  ${name}Routes(app);`),
    '  return app;',
    '}',
    '',
  ].join('\n');
}

/** The seed's way: each reviewer is sent every source file of the product, whole. */
async function seedReview(gateway: ModelGateway, files: Map<string, string>): Promise<number> {
  const code = [...files]
    .map(([path, text]) => `## File ${path}\n\`\`\`\n${text}\n\`\`\``)
    .join('\n\n');
  const lessonText = lessons.map((lesson) => `- [${lesson.id}] ${lesson.content}`).join('\n');
  let tokens = 0;
  for (const reviewer of reviewerNames) {
    const { calls } = await generateObject(
      gateway,
      {
        role: 'reviewer',
        stage: 'seed-review',
        agent: `${reviewer}-reviewer`,
        system: reviewerSystem(reviewer),
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: `## Lessons\n${lessonText}\n\n${code}` }],
          },
        ],
      },
      { schema: reviewerReplySchema, name: `${reviewer}_review` },
    );
    tokens += calls.reduce((sum, call) => sum + call.usage.inputTokens, 0);
  }
  return tokens;
}

/**
 * Builds the project task by task, each on a branch of its own merged into main as parallel
 * execution merges it; after each merge both approaches review it, and at the end Loki's review
 * stage reviews the whole tree with the task reviews before it.
 */
export async function benchReviewTokens(): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'loki-bench-review-'));
  const product = join(root, 'product');
  mkdirSync(product);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], {
      cwd: product,
      encoding: 'utf8',
    }).trim();
  try {
    git('init', '-q', '-b', 'main');
    git('commit', '-q', '--allow-empty', '-m', 'Start the product');
    const { gateway } = createTestGateway({
      replies: [{ object: { findings: [] }, repeat: true }],
    });
    const files = new Map<string, string>();
    const priors: PriorReview[] = [];
    let loki = 0;
    let seed = 0;
    for (let task = 0; task <= entities.length; task++) {
      git('checkout', '-q', '-b', `task-${task}`);
      for (const [path, text] of Object.entries(taskFiles(task))) {
        mkdirSync(dirname(join(product, path)), { recursive: true });
        writeFileSync(join(product, path), text);
        if (path.endsWith('.js')) files.set(path, text);
      }
      git('add', '-A');
      git('commit', '-q', '-m', `task ${task}`);
      git('checkout', '-q', 'main');
      git('merge', '-q', '--no-ff', '-m', `Merge task ${task}`, `task-${task}`);
      const merged = await reviewMerge({
        repository: product,
        commit: git('rev-parse', 'HEAD'),
        checkout: join(root, 'review'),
        lessons,
        gateway,
      });
      loki += merged.review.reviewers.reduce((sum, reviewer) => sum + reviewer.promptTokens, 0);
      priors.push(merged.prior);
      seed += await seedReview(gateway, files);
    }
    const tasksOnly = loki;
    // The review stage: the whole tree, the model asked only about what no task review judged.
    const whole = await reviewProduct({ root: product, lessons, gateway, priors });
    loki = whole.reviewers.reduce((sum, reviewer) => sum + reviewer.promptTokens, 0);
    if (existsSync(join(root, 'review'))) throw new Error('a review checkout was left behind');
    const ratio = loki / seed;
    const lines = [...files.values()].reduce((sum, text) => sum + text.split('\n').length, 0);
    return [
      {
        name: `review prompt tokens, Loki vs all code to every reviewer (10 tasks, ${lines} lines; ${loki.toLocaleString('en-US')} vs ${seed.toLocaleString('en-US')} tokens, ratio ${ratio.toFixed(3)}; review stage after the task reviews: ${(loki - tasksOnly).toLocaleString('en-US')})`,
        value: ratio,
        unit: '×',
        target: `<= ${target}×`,
        ok: ratio <= target,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  for (const result of await benchReviewTokens()) console.log(formatBenchResult(result));
}
