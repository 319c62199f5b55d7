import type { StackConventions } from '../../stack.ts';

/** How a React + Vite front end is laid out, for the planner and the coding agents. */
export const reactViteConventions: StackConventions = {
  title: 'React single-page app (Vite, TypeScript)',
  layout: [
    'Vite + React with TypeScript, ES modules ("type": "module").',
    'index.html at the project root loads src/main.tsx, which renders <App /> (src/App.tsx) into <div id="root">; components in src/components/, one per file (TodoList.tsx), each with its test beside it (TodoList.test.tsx).',
    'Tests use vitest with @testing-library/react and jsdom: vite.config.ts has `test: { environment: "jsdom" }`; query by role, label and text, not by class names; tests never call a real server (pass data in as props or stub fetch).',
    'A back end is called with relative URLs under /api/ (fetch("/api/todos")), never an absolute host.',
    'package.json scripts: "dev": "vite", "build": "vite build" (static files in dist/, which is what is deployed), "test": "vitest run"; dependencies react and react-dom; devDependencies vite, @vitejs/plugin-react, typescript, @types/react, @types/react-dom, vitest, @vitest/coverage-v8, @testing-library/react, jsdom.',
  ].join(' '),
  testCommand: 'npm test',
  singleTestCommand: 'npx vitest run {file}',
  keywords: ['react', 'vite', 'single-page app', 'single page app', 'spa', 'front end', 'frontend'],
};
