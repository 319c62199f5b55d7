import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../workspace/index.ts';
import { deployProject } from '../deploy-project.ts';
import { deploySourceOf } from '../deploy-source.ts';
import { processesWorkingIn, temporaryDirectory } from '../test-support.ts';
import { createLocalTarget } from './local-target.ts';
import { stopSupervisor } from './supervisor-client.ts';

const product = temporaryDirectory('loki-deploy-python-');
const deployments = temporaryDirectory('loki-deployments-python-');
const target = createLocalTarget({ deploymentsDir: deployments.path, sandbox: 'none' });
const paths = target.pathsOf('pyshop');

afterAll(async () => {
  await stopSupervisor(paths).catch(() => undefined);
  product.remove();
  deployments.remove();
}, 60_000);

describe('the local target with a Python product', { timeout: 120_000 }, () => {
  it('creates its venv, starts it on $PORT and serves it on the stable URL until stopped', async () => {
    writeFileSync(join(product.path, 'requirements.txt'), '');
    writeFileSync(
      join(product.path, 'main.py'),
      `import os
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok" if self.path == "/health" else b"hello from python")

HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
`,
    );
    await git(product.path, ['init', '--quiet', '--initial-branch=main']);
    await git(product.path, ['add', '-A']);
    await git(product.path, ['commit', '--quiet', '-m', 'A Python server']);
    const source = await deploySourceOf(product.path, { project: 'pyshop' });
    const outcome = await deployProject(target, source);
    expect(outcome.health).toMatchObject({ ok: true, url: expect.stringMatching(/\/health$/) });
    expect(await (await fetch(outcome.url)).text()).toBe('hello from python');
    await stopSupervisor(paths);
    expect(processesWorkingIn(paths.dir)).toEqual([]);
  });
});
