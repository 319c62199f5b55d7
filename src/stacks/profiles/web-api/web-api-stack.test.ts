import { afterEach, describe, expect, it } from 'vitest';
import { explainStack } from '../../detect-stack.ts';
import { temporaryProject, type TemporaryProject } from '../../test-support/temporary-project.ts';
import { frontServerPath } from '../react-vite/front-server-path.ts';
import { partRunner } from './web-api-parts.ts';
import { webApiStack } from './web-api-stack.ts';

const projects: TemporaryProject[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.remove();
});

async function project(files: Record<string, string>): Promise<TemporaryProject> {
  const made = await temporaryProject(files);
  projects.push(made);
  return made;
}

const web = {
  'web/package.json': JSON.stringify({
    dependencies: { react: '19' },
    devDependencies: { vite: '8' },
  }),
};
const api = (healthPath: string) => ({
  'api/package.json': JSON.stringify({
    scripts: { start: 'node src/server.js' },
    dependencies: { express: '5' },
  }),
  'api/src/server.js': `import express from 'express';\nconst app = express();\napp.get('${healthPath}', (_q, r) => r.json({ ok: true }));\napp.listen(process.env.PORT);\n`,
});

describe('the web + API profile', () => {
  it('is chosen for web/ and api/ that are each a project, naming both parts', async () => {
    const pair = await project({ ...web, ...api('/api/health') });
    expect(await explainStack(pair.root)).toMatchObject({
      stack: webApiStack,
      evidence: ['web/package.json (react, vite)', 'api/package.json (express)'],
    });
    const webOnly = await project(web);
    expect((await explainStack(webOnly.root)).stack).toBeNull();
  });

  it('starts the front server on web/dist with the API behind it, healthy at the API health route', async () => {
    const pair = await project({ ...web, ...api('/api/health') });
    expect(await webApiStack.startCommand(pair.root)).toEqual({
      command: `${process.execPath} ${frontServerPath} --static web/dist --api-dir api --api-command 'npm start'`,
      portEnvVar: 'PORT',
      healthPath: '/api/health',
    });
  });

  it('probes the page at / when the API has no health route under /api', async () => {
    const pair = await project({ ...web, ...api('/health') });
    expect((await webApiStack.startCommand(pair.root)).healthPath).toBe('/');
  });

  it("runs a part's commands in its folder through the product's runner", async () => {
    const pair = await project({ ...web, ...api('/api/health') });
    const result = await partRunner(pair.runner, 'api').run({ command: 'pwd' });
    expect(result.output.trim()).toBe(`${pair.root}/api`);
  });
});
