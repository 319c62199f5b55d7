import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { djangoFixture } from '../../stacks/profiles/django/django-fixture.ts';
import { fastApiFixture } from '../../stacks/profiles/fastapi/fastapi-fixture.ts';
import { git } from '../../workspace/index.ts';
import { deployProject } from '../deploy-project.ts';
import { deploySourceOf } from '../deploy-source.ts';
import { processesWorkingIn, temporaryDirectory } from '../test-support.ts';
import { createLocalTarget } from './local-target.ts';
import { stopSupervisor } from './supervisor-client.ts';

const deployments = temporaryDirectory('loki-deployments-profiles-');
const target = createLocalTarget({ deploymentsDir: deployments.path, sandbox: 'none' });
const products: { remove(): void }[] = [];

afterAll(async () => {
  for (const project of ['fastshop', 'djangoshop']) {
    await stopSupervisor(target.pathsOf(project)).catch(() => undefined);
  }
  for (const product of products) product.remove();
  deployments.remove();
}, 60_000);

/** The fixture written to a fresh git repository, as a run leaves a product. */
async function productRepository(files: Record<string, string>): Promise<string> {
  const product = temporaryDirectory('loki-deploy-profile-');
  products.push(product);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(product.path, path)), { recursive: true });
    writeFileSync(join(product.path, path), text);
  }
  await git(product.path, ['init', '--quiet', '--initial-branch=main']);
  await git(product.path, ['add', '-A']);
  await git(product.path, ['commit', '--quiet', '-m', 'The product']);
  return product.path;
}

describe('the local target with framework profiles', { timeout: 120_000 }, () => {
  it('deploys a FastAPI service with uvicorn from a venv on Debian packages, healthy on the stable port', async () => {
    const root = await productRepository(fastApiFixture);
    const source = await deploySourceOf(root, { project: 'fastshop' });
    expect(source.start.command).toBe(
      '.venv/bin/python -m uvicorn app.main:app --host 127.0.0.1 --port $PORT',
    );
    const outcome = await deployProject(target, source);
    expect(outcome.health).toMatchObject({ ok: true, url: expect.stringMatching(/\/health$/) });
    const answer = await fetch(new URL('/items/7', outcome.url));
    expect(await answer.json()).toEqual({ id: 7, name: 'item 7' });
    const paths = target.pathsOf('fastshop');
    await stopSupervisor(paths);
    expect(processesWorkingIn(paths.dir)).toEqual([]);
  });

  it('deploys a Django project: migrations first, then runserver, healthy on the stable port', async () => {
    const root = await productRepository(djangoFixture);
    const source = await deploySourceOf(root, { project: 'djangoshop' });
    expect(source.start).toMatchObject({
      command:
        '.venv/bin/python manage.py migrate --noinput && .venv/bin/python manage.py runserver 127.0.0.1:$PORT --noreload',
      healthPath: '/health/',
    });
    const outcome = await deployProject(target, source);
    expect(outcome.health).toMatchObject({ ok: true, url: expect.stringMatching(/\/health\/$/) });
    expect(await (await fetch(new URL('/notes/5/', outcome.url))).json()).toEqual({
      title: 'note 5',
    });
    // migrate made the release's database before the server started.
    const paths = target.pathsOf('djangoshop');
    expect(existsSync(join(paths.releaseDir(1), 'db.sqlite3'))).toBe(true);
    await stopSupervisor(paths);
    expect(processesWorkingIn(paths.dir)).toEqual([]);
  });
});
