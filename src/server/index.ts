// The server's public surface: the HTTP API and dashboard over a journal.
export { createApp, type AppOptions, type LokiApp } from './create-app.ts';
export { startServer, defaultPort, type ServeOptions, type RunningServer } from './start-server.ts';
export { buildRunView, type RunView } from './run-view.ts';
export { isLoopbackHost } from './request-guard.ts';
