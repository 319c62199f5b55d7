import type { StackConventions } from '../../stack.ts';

/** How a front end and an API in one repository are laid out, for the planner and the agents. */
export const webApiConventions: StackConventions = {
  title: 'React front end (web/, Vite) and Express API (api/) in one repository',
  layout: [
    'Two projects side by side, each with its own package.json, lockfile and tests; nothing at the root but README.md.',
    'web/ is a Vite + React app in TypeScript: index.html loads src/main.tsx, components in web/src/components/ with tests beside them using vitest, @testing-library/react and jsdom; it calls the API with relative URLs under /api/ (fetch("/api/todos")), and web/vite.config.ts proxies /api to http://localhost:3000 in development; "build": "vite build" writes web/dist/.',
    'api/ is an Express 5 app in TypeScript: api/src/app.ts exports the app, api/src/server.ts listens on Number(process.env.PORT ?? 3000); every route starts with /api, including GET /api/health answering 200 {"status":"ok"}; tests with vitest and supertest against the exported app; "build": "tsc" to api/dist, "start": "node dist/server.js".',
    'Deployed as one: Loki serves web/dist at / and forwards /api/* unchanged to the API on the same port, so the API never serves the front end and needs no CORS.',
  ].join(' '),
  testCommand: '(cd web && npm test) && (cd api && npm test)',
  singleTestCommand:
    'cd web && npx vitest run {file}   (cd api instead for an API test; {file} relative to that folder)',
  keywords: [
    'front end and an api',
    'frontend and backend',
    'front end and back end',
    'full stack',
    'full-stack',
    'web/ and api/',
    'react front end on an express api',
  ],
};
