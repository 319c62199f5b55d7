import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployProject } from '../deploy-project.ts';
import { profileDeployment } from './profile-deployment.ts';
import { cheapInstallNpmrc, packageJsonText } from './profile-product.ts';

// A React front end in web/ and an Express API in api/, kept to the fewest packages that prove
// the pair: both share vitest and its coverage (one download for both installs).
const testing = { '@vitest/coverage-v8': '5.1.1', vitest: '5.1.1' };
const files = {
  '.gitignore': 'node_modules\ndist\n',
  'web/.npmrc': cheapInstallNpmrc,
  'web/package.json': packageJsonText({
    name: 'todo-web',
    scripts: { build: 'vite build', test: 'vitest run' },
    dependencies: { react: '^19.3.1', 'react-dom': '^19.3.1' },
    devDependencies: { vite: '^8.3.8', ...testing },
  }),
  'web/index.html':
    '<!doctype html>\n<html><head><title>Todo pair</title></head><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>\n',
  'web/src/main.jsx': `import { createRoot } from 'react-dom/client';
import { countLabel } from './count-label.js';

function App() {
  return <h1>{countLabel(0)}</h1>;
}
createRoot(document.getElementById('root')).render(<App />);
`,
  'web/src/count-label.js': `export function countLabel(count) {
  return count === 1 ? 'one todo' : count + ' todos';
}
`,
  'web/src/count-label.test.js': `import { expect, test } from 'vitest';
import { countLabel } from './count-label.js';

test('counts todos', () => {
  expect(countLabel(2)).toBe('2 todos');
});
`,
  'api/.npmrc': cheapInstallNpmrc,
  'api/package.json': packageJsonText({
    name: 'todo-api',
    scripts: { start: 'node src/server.js', test: 'vitest run' },
    dependencies: { express: '^5.3.0' },
    devDependencies: { supertest: '^7.3.2', ...testing },
  }),
  'api/src/app.js': `import express from 'express';

export const app = express();
app.use(express.json());
app.get('/api/health', (_request, response) => {
  response.json({ status: 'ok' });
});
app.get('/api/todos', (_request, response) => {
  response.json([{ id: 1, title: 'milk' }]);
});
`,
  'api/src/server.js': `import { app } from './app.js';

app.listen(Number(process.env.PORT ?? 3000));
`,
  'api/src/app.test.js': `import request from 'supertest';
import { expect, test } from 'vitest';
import { app } from './app.js';

test('is healthy', async () => {
  await request(app).get('/api/health').expect(200, { status: 'ok' });
});

test('lists todos', async () => {
  const response = await request(app).get('/api/todos').expect(200);
  expect(response.body).toHaveLength(1);
});
`,
};

const deployment = profileDeployment({ project: 'todo-pair', files });
beforeAll(() => deployment.setUp(), 300_000);
afterAll(() => deployment.tearDown(), 60_000);

describe('a React front end and an Express API in one repository', { timeout: 120_000 }, () => {
  it('is detected as the web + API profile from its two projects', () => {
    const { product } = deployment;
    expect(product.stack.profile).toBe('web-api');
    expect(product.detection.evidence).toEqual([
      'web/package.json (react, vite)',
      'api/package.json (express)',
    ]);
  });

  it('installs both parts', () => {
    const { install, product } = deployment;
    expect(install.ok, install.output).toBe(true);
    expect(install.steps.map((step) => step.command)).toEqual([
      '(cd web && npm install --no-audit --no-fund)',
      '(cd api && npm install --no-audit --no-fund)',
    ]);
    expect(existsSync(join(product.root, 'web/node_modules/react/package.json'))).toBe(true);
    expect(existsSync(join(product.root, 'api/node_modules/express/package.json'))).toBe(true);
  });

  it("runs both parts' tests: counts summed, coverage measured in each", async () => {
    const { product } = deployment;
    const report = await product.stack.test(product.runner, { coverage: true });
    expect(report, report.output).toMatchObject({ ran: true, passed: 3, failed: 0, total: 3 });
    expect(report.coveragePercent).toBeGreaterThan(0);
    expect(report.notes.join('\n')).toMatch(/line coverage web\/ [\d.]+%, api\/ [\d.]+%/);
  });

  it('deploys as one: the page at / and the API under /api on the same port', async () => {
    const { target } = deployment;
    const source = await deployment.source();
    expect(source.start.healthPath).toBe('/api/health');
    const outcome = await deployProject(target, source);
    expect(outcome.health).toMatchObject({
      ok: true,
      url: expect.stringMatching(/\/api\/health$/),
    });
    const page = await fetch(`${outcome.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<title>Todo pair<\/title>.*\/assets\/index-/s);
    const health = await fetch(`${outcome.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${outcome.url}/api/todos`)).json()).toEqual([
      { id: 1, title: 'milk' },
    ]);
    expect(await deployment.stop()).toEqual([]);
  });
});
