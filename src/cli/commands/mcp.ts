import { homedir } from 'node:os';
import { serveHttp, serveStdio } from '../../mcp/index.ts';

export interface McpCommandOptions {
  http?: boolean;
  port?: number;
  host?: string;
  config?: string;
}

/** `loki mcp`: Loki's tools for MCP clients, on stdio or, with --http, streamable HTTP. */
export async function mcpCommand(options: McpCommandOptions): Promise<number> {
  const context = {
    cwd: process.cwd(),
    homeDir: homedir(),
    env: process.env,
    configPath: options.config,
  };
  if (!options.http) {
    await serveStdio(context);
    return 0;
  }
  const server = await serveHttp(context, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 7465,
    token: process.env['LOKI_MCP_TOKEN'] || undefined,
  });
  process.stderr.write(`loki mcp: serving MCP on ${server.url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
