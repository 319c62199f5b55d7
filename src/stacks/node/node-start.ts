import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LokiError } from '../../core/index.ts';
import { guessHealthPath } from '../health-path.ts';
import { shellQuote } from '../shell-quote.ts';
import type { StartCommand } from '../stack.ts';
import { readPackageJson } from './package-json.ts';

const entryCandidates = [
  'server.js',
  'index.js',
  'app.js',
  'main.js',
  'src/server.js',
  'src/index.js',
  'server.ts',
  'index.ts',
  'src/server.ts',
  'src/index.ts',
];

/**
 * How to start a Node project: its `start` script when it has one (the project's own word),
 * else `node` on its `main` file or the usual entry files (Node 24 runs `.ts` directly).
 * The server is expected to read its port from `PORT`.
 */
export async function nodeStartCommand(root: string): Promise<StartCommand> {
  const packageJson = await readPackageJson(root);
  const main = packageJson?.main ?? undefined;
  const entry = [main, ...entryCandidates].find(
    (file): file is string => file !== undefined && existsSync(join(root, file)),
  );
  const start = packageJson?.scripts?.['start'];
  const healthPath = await guessHealthPath(root, entry ? [entry] : []);
  if (start) return { command: 'npm start', portEnvVar: 'PORT', healthPath };
  // Without a start script an entry file is a server only if it starts one: a library's
  // index.js would run, exit and fail every health check.
  if (entry && startsAServer(await readFile(join(root, entry), 'utf8')))
    return { command: `node ${shellQuote(entry)}`, portEnvVar: 'PORT', healthPath };
  throw new LokiError({
    code: 'stacks.no-start-command',
    category: 'work-failed',
    message: `cannot tell how to start the Node project in ${root}: package.json has no "start" script and ${entry ? `${entry} starts no server` : `none of ${entryCandidates.join(', ')} exists`}; add a "start" script`,
    details: { root },
  });
}

function startsAServer(code: string): boolean {
  return /\.listen\s*\(|createServer\s*\(|\bserve\s*\(/.test(code);
}
