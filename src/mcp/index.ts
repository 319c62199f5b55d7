export type { DoorContext } from './door-context.ts';
export { createLokiMcpServer } from './loki-mcp-server.ts';
export { serveStdio } from './serve-stdio.ts';
export { serveHttp, type HttpOptions, type HttpMcpServer } from './serve-http.ts';
