import { Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { DoorContext } from './door-context.ts';
import { createLokiMcpServer } from './loki-mcp-server.ts';

/**
 * Serves MCP on standard input and output until input ends. Standard output must carry protocol
 * messages only, so anything else written to it while serving (a library's stray print) is
 * sent to standard error instead.
 */
export async function serveStdio(context: DoorContext): Promise<void> {
  const writeProtocol = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  const protocolOut = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeProtocol(chunk, callback);
    },
  });
  const server = createLokiMcpServer(context);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  await server.connect(new StdioServerTransport(process.stdin, protocolOut));
  process.stdin.once('end', () => void server.close());
  await closed;
}
