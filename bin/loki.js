#!/usr/bin/env node
// Loki runs its TypeScript sources directly (Node's type stripping, Node >= 22.18). When this
// file is started by an older Node, it hands over to the Node 24 that the project installs
// from the npm registry, or says plainly what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 18);

if (supported) {
  // Caches compiled code, the stripped TypeScript included, between runs: `loki --help`
  // starts in ~120 ms instead of ~260 ms (stripping types first loads a WebAssembly compiler).
  enableCompileCache();
  await import('../src/cli/main.ts');
} else {
  const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  const bundledNode = join(projectRoot, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bundledNode)) {
    console.error(
      `loki needs Node.js 22.18 or newer; this is ${process.version}. Install a newer Node.js, ` +
        `or run "npm install" in ${projectRoot} to fetch Node 24 from the npm registry.`,
    );
    process.exit(2);
  }
  const child = spawnSync(bundledNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}
