// Helpers for the deploy module's tests: a tiny real Node HTTP product in a temp git repository.
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from '../workspace/index.ts';
import { isProcessAlive } from '../workspace/testing-processes.ts';

/** A temp folder removed by the returned function. */
export function temporaryDirectory(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** How a tiny product misbehaves, for the tests of what happens after promotion. */
export interface TinyProductOptions {
  /** `/health` answers 503 from the start. Default true. */
  healthy?: boolean;
  delayMs?: number;
  /** `/health` answers 200 this many times per process, then 503. */
  healthyChecks?: number;
  /** The process exits with code 1 right after answering `/health` this many times. */
  exitAfterChecks?: number;
  /**
   * A folder of switches: while `sick` exists there `/health` answers 503; while
   * `crash-on-start` exists the process exits with code 3 as it starts.
   */
  switches?: string;
}

/**
 * Writes version `version` of a product that needs no npm package: `/health` answers 200 (or 503
 * as `options` say), `GET /exit` makes it exit with code 1, every other path `hello from
 * <version>` after `delayMs`, and SIGTERM lets requests in flight finish. Commits it on main.
 */
export async function commitTinyProduct(
  root: string,
  version: string,
  options: TinyProductOptions = {},
): Promise<void> {
  const healthy = options.healthy ?? true;
  const switches = JSON.stringify(options.switches ?? null);
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'tiny', private: true, type: 'module', main: 'server.js' }, null, 2),
  );
  writeFileSync(
    join(root, 'server.js'),
    `import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
const switches = ${switches};
const on = (name) => switches !== null && existsSync(join(switches, name));
if (on('crash-on-start')) {
  console.log('crash-on-start is set: exiting');
  process.exit(3);
}
let checks = 0;
const server = createServer((request, response) => {
  if (request.url === '/health') {
    checks += 1;
    const well = ${healthy} && !on('sick') && checks <= ${options.healthyChecks ?? 'Infinity'};
    response.writeHead(well ? 200 : 503).end(well ? 'ok' : 'sick');
    if (checks >= ${options.exitAfterChecks ?? 'Infinity'}) setTimeout(() => process.exit(1), 5);
    return;
  }
  if (request.url === '/exit') {
    response.end('bye');
    setTimeout(() => process.exit(1), 5);
    return;
  }
  setTimeout(() => response.end('hello from ${version}\\n'), ${options.delayMs ?? 20});
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening ${version} secret=' + (process.env.SESSION_SECRET ?? '').length));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`,
  );
  if (readdirSync(root).includes('.git') === false) {
    await git(root, ['init', '--quiet', '--initial-branch=main']);
  }
  await git(root, ['add', '-A']);
  await git(root, ['commit', '--quiet', '-m', `version ${version}`]);
}

/** Pids of processes whose working directory is inside `directory`: what a deployment runs. */
export function processesWorkingIn(directory: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        const cwd = readlinkSync(`/proc/${pid}/cwd`);
        return (cwd === directory || cwd.startsWith(`${directory}/`)) && isProcessAlive(pid);
      } catch {
        return false;
      }
    });
}
