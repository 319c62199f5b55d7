import type { StackConventions } from '../../stack.ts';

/** How an Express API is laid out, for the planner and the coding agents. */
export const expressConventions: StackConventions = {
  title: 'Express HTTP API (TypeScript)',
  layout: [
    'Express 5 with TypeScript, ES modules ("type": "module"; tsconfig "module": "nodenext", so relative imports end in .js: import { app } from "./app.js").',
    'src/app.ts creates and exports the app (express.json(), the routes, a JSON error handler) and never listens; src/server.ts imports it and listens on Number(process.env.PORT ?? 3000).',
    'GET /health answers 200 {"status":"ok"}. Routes in src/routes/ (one express.Router per resource), data access in src/store/ behind a small interface.',
    'Tests beside the code (src/routes/todos.test.ts) with vitest and supertest: request(app).get("/health"), never a listening port.',
    'package.json scripts: "build": "tsc" (tsconfig: "rootDir": "src", "outDir": "dist", excludes src/**/*.test.ts), "start": "node dist/server.js", "test": "vitest run"; dependency express; devDependencies typescript, @types/express, @types/node, vitest, @vitest/coverage-v8, supertest, @types/supertest.',
    'A JavaScript project keeps the same layout with .js files, no build script and "start": "node src/server.js".',
  ].join(' '),
  testCommand: 'npm test',
  singleTestCommand: 'npx vitest run {file}',
  keywords: ['express', 'express.js', 'expressjs'],
};
