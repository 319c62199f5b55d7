import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployProject } from '../deploy-project.ts';
import { profileDeployment } from './profile-deployment.ts';
import { cheapInstallNpmrc, packageJsonText } from './profile-product.ts';

// An Express API in TypeScript laid out as the profile's conventions say: app.ts exported,
// server.ts listening on $PORT, vitest + supertest, compiled by tsc to dist/.
const files = {
  '.npmrc': cheapInstallNpmrc,
  '.gitignore': 'node_modules\ndist\n',
  'package.json': packageJsonText({
    name: 'todo-api',
    scripts: { build: 'tsc', start: 'node dist/server.js', test: 'vitest run' },
    dependencies: { express: '^5.3.0' },
    devDependencies: {
      '@types/express': '^5.0.6',
      '@types/node': '^26.6.6',
      '@vitest/coverage-v8': '5.1.1',
      supertest: '^7.3.2',
      typescript: '^7.0.2',
      vitest: '5.1.1',
    },
  }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'es2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      rootDir: 'src',
      outDir: 'dist',
      strict: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['src'],
    exclude: ['src/**/*.test.ts'],
  }),
  'src/app.ts': `import express from 'express';

export const app = express();
app.use(express.json());

const todos: { id: number; title: string }[] = [];

app.get('/health', (_request, response) => {
  response.json({ status: 'ok' });
});
app.get('/todos', (_request, response) => {
  response.json(todos);
});
app.post('/todos', (request, response) => {
  const title = typeof request.body?.title === 'string' ? request.body.title.trim() : '';
  if (title === '') {
    response.status(400).json({ error: 'title is required' });
    return;
  }
  const todo = { id: todos.length + 1, title };
  todos.push(todo);
  response.status(201).json(todo);
});
app.delete('/todos', (_request, response) => {
  todos.length = 0;
  response.status(204).end();
});
`,
  'src/server.ts': `import { app } from './app.js';

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(\`listening on \${port}\`));
`,
  'src/app.test.ts': `import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { app } from './app.js';

describe('the todo API', () => {
  it('is healthy', async () => {
    await request(app).get('/health').expect(200, { status: 'ok' });
  });
  it('adds a todo', async () => {
    const response = await request(app).post('/todos').send({ title: 'milk' }).expect(201);
    expect(response.body).toEqual({ id: 1, title: 'milk' });
  });
  it('refuses a todo without a title', async () => {
    await request(app).post('/todos').send({}).expect(400);
  });
  it.skip('lists todos page by page', () => {});
});
`,
};

const deployment = profileDeployment({ project: 'todo-api', files });
beforeAll(() => deployment.setUp(), 300_000);
afterAll(() => deployment.tearDown(), 60_000);

describe('an Express TypeScript product', { timeout: 120_000 }, () => {
  it('is detected as the Express profile from its package.json', () => {
    const { product } = deployment;
    expect(product.stack.profile).toBe('express');
    expect(product.detection.evidence).toEqual(['package.json (express)']);
    expect(product.stack.conventions.layout).toMatch(/src\/app\.ts.*src\/server\.ts/);
  });

  it('installs its dependencies from the registry', () => {
    const { install, product } = deployment;
    expect(install.ok, install.output).toBe(true);
    expect(install.command).toBe('npm install --no-audit --no-fund');
    expect(existsSync(join(product.root, 'node_modules/express/package.json'))).toBe(true);
  });

  it('runs its vitest + supertest tests with counted results and measured coverage', async () => {
    const { product } = deployment;
    const report = await product.stack.test(product.runner, { coverage: true });
    expect(report, report.output).toMatchObject({
      ran: true,
      runner: 'vitest',
      passed: 3,
      failed: 0,
      skipped: 1,
      total: 4,
    });
    // GET /todos and DELETE /todos are never called: coverage is measured, not assumed.
    expect(report.coveragePercent).toBeGreaterThan(50);
    expect(report.coveragePercent).toBeLessThan(100);
  });

  it('deploys the compiled server, which answers /health on the stable port', async () => {
    const { target, paths } = deployment;
    const source = await deployment.source();
    expect(source.start).toMatchObject({ command: 'npm start', healthPath: '/health' });
    const outcome = await deployProject(target, source);
    expect(outcome.health).toMatchObject({ ok: true, url: expect.stringMatching(/\/health$/) });
    expect(existsSync(join(paths.releaseDir(outcome.version), 'dist/server.js'))).toBe(true);
    const created = await fetch(`${outcome.url}/todos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'deployed' }),
    });
    expect(created.status).toBe(201);
    expect(await deployment.stop()).toEqual([]);
  });
});
