import { afterEach, describe, expect, it } from 'vitest';
import { explainStack } from '../../detect-stack.ts';
import { temporaryProject, type TemporaryProject } from '../../test-support/temporary-project.ts';
import { frontServerPath } from './front-server-path.ts';
import { reactViteStack } from './react-vite-stack.ts';

const projects: TemporaryProject[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.remove();
});

async function project(files: Record<string, string>): Promise<TemporaryProject> {
  const made = await temporaryProject(files);
  projects.push(made);
  return made;
}

const manifest = (value: Record<string, unknown>): string =>
  JSON.stringify({ type: 'module', ...value });

describe('the React + Vite profile', () => {
  it('is chosen when package.json declares both react and vite, before Express', async () => {
    const site = await project({
      'package.json': manifest({
        dependencies: { react: '19', 'react-dom': '19', express: '5' },
        devDependencies: { vite: '8' },
      }),
    });
    expect(await explainStack(site.root)).toMatchObject({
      stack: reactViteStack,
      evidence: ['package.json (react, vite)'],
    });
    const reactOnly = await project({
      'package.json': manifest({ dependencies: { react: '19' } }),
    });
    expect((await explainStack(reactOnly.root)).stack?.profile).toBeNull();
  });

  it("is started as Loki's front server on dist/, healthy at /", async () => {
    const site = await project({ 'package.json': manifest({}) });
    const start = await reactViteStack.startCommand(site.root);
    expect(start).toEqual({
      command: `${process.execPath} ${frontServerPath} --static dist`,
      portEnvVar: 'PORT',
      healthPath: '/',
    });
  });

  it('fails a build that leaves no dist/index.html, saying what to keep', async () => {
    const site = await project({
      'package.json': manifest({ scripts: { build: 'node -e "process.exit(0)"' } }),
    });
    const built = await reactViteStack.build(site.runner);
    expect(built).toMatchObject({
      ran: true,
      ok: false,
      step: { command: 'npm run build', exitCode: 0 },
    });
    expect(built.reason).toMatch(/wrote no dist\/index\.html: keep Vite's build\.outDir at dist/);
  });

  it('accepts a build that writes dist/index.html', async () => {
    const site = await project({
      'package.json': manifest({
        scripts: {
          build:
            "node -e \"require('node:fs').mkdirSync('dist');require('node:fs').writeFileSync('dist/index.html','x')\"",
        },
      }),
    });
    expect(await reactViteStack.build(site.runner)).toMatchObject({
      ran: true,
      ok: true,
      reason: null,
    });
  });
});
