import { afterEach, describe, expect, it } from 'vitest';
import { explainStack } from '../../detect-stack.ts';
import { temporaryProject, type TemporaryProject } from '../../test-support/temporary-project.ts';
import { expressStack } from './express-stack.ts';

const projects: TemporaryProject[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.remove();
});

async function project(files: Record<string, string>): Promise<string> {
  const made = await temporaryProject(files);
  projects.push(made);
  return made.root;
}

const manifest = (value: Record<string, unknown>): string =>
  JSON.stringify({ type: 'module', ...value });
const app =
  "import express from 'express';\nexport const app = express();\napp.get('/health', (_q, r) => r.json({ status: 'ok' }));\n";
const server = "import { app } from './app.js';\napp.listen(Number(process.env.PORT));\n";

describe('the Express profile', () => {
  it('is chosen for a package.json that declares express, and not for one that does not', async () => {
    const express = await project({
      'package.json': manifest({ dependencies: { express: '^5.3.0' } }),
    });
    expect(await explainStack(express)).toMatchObject({
      stack: expressStack,
      evidence: ['package.json (express)'],
      reason: 'Express HTTP API (TypeScript): found package.json (express)',
    });
    const plain = await project({ 'package.json': manifest({ dependencies: { fastify: '^5' } }) });
    expect((await explainStack(plain)).stack?.profile).toBeNull();
  });

  it("starts with the project's start script, its health route read from src/app.ts", async () => {
    const root = await project({
      'package.json': manifest({
        scripts: { build: 'tsc', start: 'node dist/server.js' },
        dependencies: { express: '^5.3.0' },
      }),
      'src/app.ts': app,
      'src/server.ts': server,
    });
    expect(await expressStack.startCommand(root)).toEqual({
      command: 'npm start',
      portEnvVar: 'PORT',
      healthPath: '/health',
    });
  });

  it('without a start script runs the compiled server, else tsx, else Node on the TypeScript itself', async () => {
    const compiled = await project({
      'package.json': manifest({ scripts: { build: 'tsc' }, dependencies: { express: '5' } }),
      'src/app.ts': app,
      'src/server.ts': server,
    });
    expect(await expressStack.startCommand(compiled)).toMatchObject({
      command: 'node dist/server.js',
      healthPath: '/health',
    });
    const tsx = await project({
      'package.json': manifest({ dependencies: { express: '5', tsx: '4' } }),
      'src/server.ts': server,
    });
    expect((await expressStack.startCommand(tsx)).command).toBe('npx --no -- tsx src/server.ts');
    const bare = await project({
      'package.json': manifest({ dependencies: { express: '5' } }),
      'src/server.ts': server,
    });
    expect((await expressStack.startCommand(bare)).command).toBe('node src/server.ts');
  });

  it('starts a JavaScript server as the Node stack does', async () => {
    const root = await project({
      'package.json': manifest({ dependencies: { express: '5' } }),
      'src/server.js': "import express from 'express';\nexpress().listen(process.env.PORT);\n",
    });
    expect((await expressStack.startCommand(root)).command).toBe('node src/server.js');
  });
});
