// Test support: a throwaway PostgreSQL server from the machine's own binaries (Debian's
// `postgresql` package), on a free loopback port, in a temp folder removed when it stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  accessSync,
  chownSync,
  constants,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Client } from 'pg';

/** Where the server programs are, or why none were found. */
export type PostgresBinaries = { found: true; binDir: string } | { found: false; reason: string };

/** A running test server. */
export interface TestPostgres {
  /** A new, empty database on the server, as a connection URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown) and removes its files. Idempotent. */
  stop(): Promise<void>;
}

const programs = ['initdb', 'postgres'];

/**
 * Finds `initdb` and `postgres`: in `LOKI_TEST_POSTGRES_BIN`, on PATH, or in Debian's
 * `/usr/lib/postgresql/<version>/bin` (the newest), which is not on PATH by default.
 */
export function findPostgresBinaries(
  env: NodeJS.ProcessEnv = process.env,
  debianRoot = '/usr/lib/postgresql',
): PostgresBinaries {
  const debianDirs = safeList(debianRoot)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(debianRoot, version, 'bin'));
  const candidates = [
    ...(env['LOKI_TEST_POSTGRES_BIN'] ? [env['LOKI_TEST_POSTGRES_BIN']] : []),
    ...(env['PATH'] ?? '').split(delimiter).filter(Boolean),
    ...debianDirs,
  ];
  const binDir = candidates.find((dir) => programs.every((name) => isExecutable(join(dir, name))));
  if (binDir !== undefined) return { found: true, binDir };
  return {
    found: false,
    reason:
      'PostgreSQL server programs (initdb, postgres) were not found on PATH, in ' +
      `${debianRoot}/*/bin or in LOKI_TEST_POSTGRES_BIN; install them (apt-get install -y postgresql)`,
  };
}

/**
 * Starts a server as a user Postgres accepts: the current one, or when that is root (which
 * Postgres refuses), the `postgres` user the Debian package creates (else `nobody`). Logins
 * from loopback are trusted; durability is off, since the data is thrown away.
 */
export async function startTestPostgres(binDir: string): Promise<TestPostgres> {
  const owner =
    process.getuid?.() === 0 ? (passwdEntry('postgres') ?? passwdEntry('nobody')) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'loki-postgres-'));
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const dataDir = join(dir, 'data');
    await run(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', 'loki', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      owner,
    );
    // A port found free may be taken before the server binds it; try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const server = spawn(
        join(binDir, 'postgres'),
        [
          '-D',
          dataDir,
          '-p',
          String(port),
          '-k',
          dir,
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], ...owner },
      );
      const started = await waitUntilReady(server);
      if (started.ready) return handle(server, port, dir);
      if (attempt >= 3 || !/could not bind|address already in use/i.test(started.log)) {
        throw new Error(`the test PostgreSQL server did not start:\n${started.log}`);
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function handle(server: ChildProcess, port: number, dir: string): TestPostgres {
  let databases = 0;
  let stopped: Promise<void> | undefined;
  return {
    async createDatabase() {
      const name = `loki_test_${++databases}`;
      const client = new Client({ host: '127.0.0.1', port, user: 'loki', database: 'postgres' });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://loki@127.0.0.1:${port}/${name}`;
    },
    stop() {
      stopped ??= (async () => {
        if (server.exitCode === null && server.signalCode === null) {
          const exited = once(server, 'exit');
          server.kill('SIGINT'); // Postgres's fast shutdown
          const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** Resolves when the server logs that it accepts connections, or when it exits first. */
function waitUntilReady(server: ChildProcess): Promise<{ ready: boolean; log: string }> {
  return new Promise((resolve) => {
    let log = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) resolve({ ready: true, log });
    });
    server.once('exit', () => resolve({ ready: false, log }));
  });
}

function run(command: string, args: string[], owner?: { uid: number; gid: number }): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...owner });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`${command} failed (exit ${String(code)}):\n${output}`);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port found');
  return address.port;
}

function passwdEntry(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
