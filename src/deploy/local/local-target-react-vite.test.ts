import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployProject } from '../deploy-project.ts';
import { profileDeployment } from './profile-deployment.ts';
import { cheapInstallNpmrc, packageJsonText } from './profile-product.ts';

// A React front end built with Vite, tested with vitest + Testing Library + jsdom. JSX in .jsx
// files needs no plugin, which keeps the install small.
const files = {
  '.npmrc': cheapInstallNpmrc,
  '.gitignore': 'node_modules\ndist\n',
  'package.json': packageJsonText({
    name: 'todo-web',
    scripts: { build: 'vite build', test: 'vitest run' },
    dependencies: { react: '^19.3.1', 'react-dom': '^19.3.1' },
    devDependencies: {
      '@testing-library/react': '^16.3.3',
      '@vitest/coverage-v8': '5.1.1',
      jsdom: '^31.0.1',
      vite: '^8.3.8',
      vitest: '5.1.1',
    },
  }),
  'vite.config.js': "export default { test: { environment: 'jsdom' } };\n",
  'index.html':
    '<!doctype html>\n<html><head><title>Todo web</title></head><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>\n',
  'src/main.jsx': `import { createRoot } from 'react-dom/client';
import { App } from './App.jsx';

createRoot(document.getElementById('root')).render(<App />);
`,
  'src/App.jsx': `import { useState } from 'react';

export function App() {
  const [count, setCount] = useState(0);
  return (
    <main>
      <h1>Todo</h1>
      <button onClick={() => setCount(count + 1)}>Added {count}</button>
      <p>{plural(count)}</p>
    </main>
  );
}

export function plural(count) {
  if (count > 99) {
    return 'too many items';
  }
  return count === 1 ? 'one item' : count + ' items';
}
`,
  'src/App.test.jsx': `import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { App } from './App.jsx';

afterEach(cleanup);

test('shows the title', () => {
  render(<App />);
  expect(screen.getByRole('heading').textContent).toBe('Todo');
});

test('counts clicks', () => {
  render(<App />);
  fireEvent.click(screen.getByRole('button'));
  expect(screen.getByRole('button').textContent).toBe('Added 1');
});

test('says how many items there are', () => {
  render(<App />);
  expect(screen.getByText('0 items')).toBeTruthy();
});
`,
};

const deployment = profileDeployment({ project: 'todo-web', files });
beforeAll(() => deployment.setUp(), 300_000);
afterAll(() => deployment.tearDown(), 60_000);

describe('a React + Vite product', { timeout: 120_000 }, () => {
  it('is detected as the React + Vite profile from its package.json', () => {
    const { product } = deployment;
    expect(product.stack.profile).toBe('react-vite');
    expect(product.detection.evidence).toEqual(['package.json (react, vite)']);
  });

  it('installs its dependencies from the registry', () => {
    const { install, product } = deployment;
    expect(install.ok, install.output).toBe(true);
    expect(existsSync(join(product.root, 'node_modules/react/package.json'))).toBe(true);
  });

  it('runs its Testing Library tests in jsdom with counted results and measured coverage', async () => {
    const { product } = deployment;
    const report = await product.stack.test(product.runner, { coverage: true });
    expect(report, report.output).toMatchObject({
      ran: true,
      runner: 'vitest',
      passed: 3,
      failed: 0,
      total: 3,
    });
    // Nobody adds a hundred items: coverage is measured, not assumed.
    expect(report.coveragePercent).toBeGreaterThan(50);
    expect(report.coveragePercent).toBeLessThan(100);
  });

  it('builds to dist/ and is served as static files, the page answering at /', async () => {
    const { target } = deployment;
    const source = await deployment.source();
    expect(source.start.healthPath).toBe('/');
    const outcome = await deployProject(target, source);
    expect(outcome.health).toMatchObject({ ok: true, status: 200 });
    const page = await fetch(outcome.url);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    // The built page, not the source: Vite rewrote the entry to a fingerprinted bundle.
    const bundle = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(bundle, html).toBeDefined();
    const script = await fetch(`${outcome.url}${bundle!}`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('Added');
    // A client-side route loads the app too.
    expect(await (await fetch(`${outcome.url}/todos/3`)).text()).toBe(html);
    expect(await deployment.stop()).toEqual([]);
  });
});
