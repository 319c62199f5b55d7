// A dependency-free HTTP server for a built front end, run as a program of its own:
//   node front-server.ts --static dist
//   node front-server.ts --static web/dist --api-dir api --api-command 'npm start' [--api-port-env PORT]
// It serves the static files on $PORT (unknown paths without a file extension get index.html,
// so a single-page app's client routes load). With an API it also starts the API's command in
// its folder on a free loopback port and forwards `/api` and `/api/*` to it unchanged: the
// page and the API answer on one port, as Vite's dev proxy makes them do in development.
// Only node: built-ins and erasable TypeScript: it runs as it is on Node 22.18+, here and in
// a container, and Loki copies it verbatim into the Docker build context of a web + API product.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const { values } = parseArgs({
  options: {
    static: { type: 'string', default: 'dist' },
    'api-dir': { type: 'string' },
    'api-command': { type: 'string' },
    'api-prefix': { type: 'string', default: '/api' },
    'api-port-env': { type: 'string', default: 'PORT' },
  },
});
const staticRoot = resolve(values.static);
const apiPrefix = values['api-prefix'];
const port = Number(process.env['PORT']);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write('front-server: set PORT to the port to listen on\n');
  process.exit(2);
}

let api: ChildProcess | null = null;
let apiPort = 0;
if (values['api-command'] !== undefined) {
  apiPort = await freePort();
  // `exec`: the API is this process's child, not a shell's, so SIGTERM reaches it. It stays in
  // the release's process group, so a supervisor that kills the group kills it too.
  api = spawn('/bin/sh', ['-c', `exec ${values['api-command']}`], {
    cwd: resolve(values['api-dir'] ?? '.'),
    env: { ...process.env, [values['api-port-env']]: String(apiPort) },
    stdio: 'inherit',
  });
  // Without its API the product is broken: exit with it, so the supervisor sees the release die.
  api.on('exit', (code, signal) => {
    process.stderr.write(`front-server: the API exited (${signal ?? String(code)})\n`);
    process.exit(code ?? 1);
  });
}

const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (api !== null && (path === apiPrefix || path.startsWith(`${apiPrefix}/`))) {
    proxy(request, response);
    return;
  }
  serveStatic(path, request, response).catch((error: unknown) => {
    if (!response.headersSent) response.writeHead(500);
    response.end(String(error));
  });
});
server.listen(port, () => {
  process.stdout.write(
    `front-server: ${staticRoot} on port ${port}${api ? `, ${apiPrefix} to the API on ${apiPort}` : ''}\n`,
  );
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    if (api === null || api.exitCode !== null) process.exit(0);
    api.removeAllListeners('exit');
    api.on('exit', () => process.exit(0));
    api.kill(signal);
  });
}

/** Forwards the request as it came (method, path, headers, body) to the API on loopback. */
function proxy(request: IncomingMessage, response: ServerResponse): void {
  const outgoing = forward(
    {
      host: '127.0.0.1',
      port: apiPort,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, 'x-forwarded-host': request.headers.host ?? '' },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  // The API is still starting or has crashed: a gateway error, which health checks retry.
  outgoing.on('error', (error) => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
    response.end(`the API is not answering: ${error.message}\n`);
  });
  request.pipe(outgoing);
}

async function serveStatic(
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    response.writeHead(400).end();
    return;
  }
  const file = join(staticRoot, normalize(decoded));
  // normalize() resolves `..`; anything outside the static root is not ours to serve.
  if (file !== staticRoot && !file.startsWith(`${staticRoot}${sep}`)) {
    response.writeHead(404).end();
    return;
  }
  const found = (await isFile(file))
    ? file
    : (await isFile(join(file, 'index.html')))
      ? join(file, 'index.html')
      : // A client-side route (no extension) gets the app; a missing asset is a real 404.
        extname(decoded) === ''
        ? join(staticRoot, 'index.html')
        : null;
  if (found === null || !(await isFile(found))) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypes[extname(found)] ?? 'application/octet-stream',
    // Vite fingerprints assets: they never change; index.html must always be fetched again.
    'cache-control': found.includes(`${sep}assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // A file removed while it is sent ends the response; it must not end the server.
  createReadStream(found)
    .on('error', () => response.destroy())
    .pipe(response);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (entry) => entry.isFile(),
    () => false,
  );
}

/** A port nothing listens on now, for the API behind this server. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createNetServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const found = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(found));
    });
  });
}
