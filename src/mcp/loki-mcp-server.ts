import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import packageJson from '../../package.json' with { type: 'json' };
import type { DoorContext } from './door-context.ts';
import { registerDevelopProduct } from './tools/develop-product.ts';
import { registerMemoryTools } from './tools/memory-tools.ts';
import { registerRunStatus } from './tools/run-status.ts';
import { registerStageTools } from './tools/stage-tools.ts';

/**
 * Loki as an MCP server: its tools start runs and read runs and memory through the same
 * functions as the CLI. One server per connection; it holds no state between calls.
 */
export function createLokiMcpServer(context: DoorContext): McpServer {
  const server = new McpServer(
    { name: 'loki', version: packageJson.version },
    {
      instructions:
        'Loki turns a PRD into a built, tested, reviewed and audited product. Call ' +
        'loki_develop_product with the PRD text; follow a run with loki_run_status.',
    },
  );
  registerDevelopProduct(server, context);
  registerRunStatus(server, context);
  registerMemoryTools(server, context);
  registerStageTools(server, context);
  return server;
}
