import { join } from 'node:path';
import { LokiError } from '../../../core/index.ts';
import type { CommandRunner } from '../../../workspace/command.ts';
import { installReport } from '../../install-report.ts';
import { lintReportNotRun } from '../../lint-report.ts';
import type { Stack, StartCommand } from '../../stack.ts';
import { testReportNotRun } from '../../test-report.ts';
import { frontServerCommand } from '../react-vite/front-server-path.ts';
import { viteOutputDirectory } from '../react-vite/react-vite-stack.ts';
import { combineBuilds, combineInstalls, combineLints, combineTests } from './combined-reports.ts';
import { webApiConventions } from './web-api-conventions.ts';
import {
  apiFolder,
  partRunner,
  productParts,
  webFolder,
  type ProductPart,
} from './web-api-parts.ts';

/** The path the built front end is served from, relative to the product's root. */
export const webOutputDirectory = `${webFolder}/${viteOutputDirectory}`;

const notTwoParts = (root: string): string =>
  `${root} is not a web + API product: it needs web/ and api/, each a project of its own (web/package.json; api/package.json, pyproject.toml or requirements.txt)`;

/** The parts, or a LokiError saying what is missing: a mis-detected product is bad input. */
async function partsOf(root: string): Promise<{ web: ProductPart; api: ProductPart }> {
  const parts = await productParts(root);
  if (parts === null) {
    throw new LokiError({
      code: 'stacks.web-api-parts-missing',
      category: 'bad-input',
      message: notTwoParts(root),
      details: { root },
    });
  }
  return parts;
}

/** Runs one operation on each part with a runner rooted there, the front end first. */
async function eachPart<Report>(
  runner: CommandRunner,
  operate: (part: ProductPart, runner: CommandRunner) => Promise<Report>,
  stopEarly: (report: Report) => boolean = () => false,
): Promise<{ folder: string; report: Report }[] | null> {
  const parts = await productParts(runner.root);
  if (parts === null) return null;
  const reports: { folder: string; report: Report }[] = [];
  for (const part of [parts.web, parts.api]) {
    const report = await operate(part, partRunner(runner, part.folder));
    reports.push({ folder: part.folder, report });
    if (stopEarly(report)) break;
  }
  return reports;
}

/** Both parts at once: for installs, which mostly wait on the network and the disk. */
async function bothParts<Report>(
  runner: CommandRunner,
  operate: (part: ProductPart, runner: CommandRunner) => Promise<Report>,
): Promise<{ folder: string; report: Report }[] | null> {
  const parts = await productParts(runner.root);
  if (parts === null) return null;
  return Promise.all(
    [parts.web, parts.api].map(async (part) => ({
      folder: part.folder,
      report: await operate(part, partRunner(runner, part.folder)),
    })),
  );
}

/**
 * A front end in web/ and an API in api/, each driven by its own stack (React + Vite and
 * Express, or plain Node / Python), deployed as one: Loki's front server serves web/dist at `/`
 * and forwards `/api/*` unchanged to the API, which it starts on a port of its own.
 */
export const webApiStack: Stack = {
  name: 'node',
  profile: 'web-api',
  conventions: webApiConventions,
  detect: async (root) => (await productParts(root)) !== null,
  evidence: async (root) => (await productParts(root))?.evidence ?? [],
  install: async (runner, options) => {
    const reports = await bothParts(runner, (part, partRunner) =>
      part.stack.install(partRunner, options),
    );
    return reports === null
      ? installReport({ ok: false, steps: [], summary: notTwoParts(runner.root) })
      : combineInstalls(reports);
  },
  build: async (runner, options) => {
    const reports = await eachPart(
      runner,
      (part, partRunner) => part.stack.build(partRunner, options),
      (report) => !report.ok,
    );
    if (reports === null)
      return { ran: false, ok: false, reason: notTwoParts(runner.root), step: null };
    return combineBuilds(reports);
  },
  test: async (runner, options) => {
    const reports = await eachPart(runner, (part, partRunner) =>
      part.stack.test(partRunner, options),
    );
    return reports === null
      ? testReportNotRun(null, '', notTwoParts(runner.root))
      : combineTests(reports);
  },
  lint: async (runner, options) => {
    const reports = await eachPart(runner, (part, partRunner) =>
      part.stack.lint(partRunner, options),
    );
    return reports === null
      ? lintReportNotRun(null, notTwoParts(runner.root))
      : combineLints(reports);
  },
  startCommand: webApiStartCommand,
};

/**
 * Loki's front server on web/dist with the API's own start command behind it. The health path
 * is the API's when it is under /api (`/api/health`): it proves both the server and the API
 * answer; else the page at `/`.
 */
export async function webApiStartCommand(root: string): Promise<StartCommand> {
  const parts = await partsOf(root);
  const api = await parts.api.stack.startCommand(join(root, apiFolder));
  const healthPath = /^\/api(?:\/|$)/.test(api.healthPath) ? api.healthPath : '/';
  return {
    command: frontServerCommand(webOutputDirectory, {
      directory: apiFolder,
      command: api.command,
      portEnvVar: api.portEnvVar,
    }),
    portEnvVar: 'PORT',
    healthPath,
  };
}
