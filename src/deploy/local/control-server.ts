import { createServer, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { LokiError, errorMessage } from '../../core/index.ts';
import {
  discardRequestSchema,
  promoteRequestSchema,
  startRequestSchema,
  type ControlReply,
} from './control-protocol.ts';
import type { Supervisor } from './supervisor.ts';

/**
 * The supervisor's control channel: HTTP with JSON bodies on a unix socket in the project's
 * directory, so only its owner can reach it (the file's permissions), never the network.
 * `onStop` runs after the stop request was answered.
 */
export async function listenForControl(
  supervisor: Supervisor,
  socketPath: string,
  onStop: () => void,
): Promise<Server> {
  await rm(socketPath, { force: true });
  const server = createServer((incoming, outgoing) => {
    void answer(supervisor, incoming).then(
      (reply) => {
        outgoing.writeHead(200, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify(reply), () => {
          if (reply.ok && incoming.url === '/stop') onStop();
        });
      },
      () => outgoing.destroy(),
    );
  });
  server.listen(socketPath);
  await once(server, 'listening');
  return server;
}

async function answer(supervisor: Supervisor, incoming: IncomingMessage): Promise<ControlReply> {
  try {
    const body = await readBody(incoming);
    switch (incoming.url) {
      case '/status':
        return { ok: true, result: supervisor.state() };
      case '/start':
        return { ok: true, result: await supervisor.start(startRequestSchema.parse(body)) };
      case '/promote':
        return { ok: true, result: await supervisor.promote(promoteRequestSchema.parse(body)) };
      case '/discard': {
        const request = discardRequestSchema.parse(body);
        await supervisor.discard(request.version, request.reason);
        return { ok: true, result: supervisor.state() };
      }
      case '/stop':
        await supervisor.stopAll();
        return { ok: true, result: supervisor.state() };
      default:
        throw new LokiError({
          code: 'deploy.unknown-control-action',
          category: 'internal',
          message: `the supervisor has no action ${String(incoming.url)}`,
        });
    }
  } catch (error) {
    const failure = LokiError.isInstance(error)
      ? error
      : new LokiError({
          code: 'deploy.supervisor-failed',
          category: 'internal',
          message: errorMessage(error),
        });
    return {
      ok: false,
      error: { code: failure.code, message: failure.message, category: failure.category },
    };
  }
}

async function readBody(incoming: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of incoming) text += (chunk as Buffer).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as unknown);
}
