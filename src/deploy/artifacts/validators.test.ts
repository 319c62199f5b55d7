import { describe, expect, it } from 'vitest';
import type { ArtifactValidation } from './artifact-validation.ts';
import { renderArtifacts } from './generate-artifacts.ts';
import type { ProductProfile } from './product-profile.ts';
import { validateCompose } from './validate-compose.ts';
import {
  dockerfileInstructions,
  filesCopiedByName,
  validateDockerfile,
  validateDockerignore,
} from './validate-dockerfile.ts';
import { validateKubernetes } from './validate-kubernetes.ts';
import { validateWorkflow } from './validate-workflow.ts';

const profile: ProductProfile = {
  name: 'shop',
  runtime: { stack: 'node', version: '24', lockfile: true, buildScript: true, testScript: true },
  startCommand: 'npm start',
  port: 3000,
  healthPath: '/api/health',
  databases: ['mysql', 'redis'],
  notes: [],
};
const rendered = Object.fromEntries(
  renderArtifacts(profile).map((artifact) => [artifact.kind, artifact.text]),
);
const text = (kind: string): string => rendered[kind]!;
const errors = (result: ArtifactValidation): string[] =>
  result.problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => problem.message);

describe('the rendered artifacts of a Node product with a build step, MySQL and Redis', () => {
  it('all validate without a problem', () => {
    expect(validateDockerfile(text('dockerfile')).problems).toEqual([]);
    expect(
      validateDockerignore(text('dockerignore'), filesCopiedByName(text('dockerfile'))),
    ).toEqual({ ok: true, problems: [] });
    expect(validateCompose(text('compose'))).toEqual({ ok: true, problems: [] });
    expect(validateKubernetes([text('kubernetes-deployment'), text('kubernetes-service')])).toEqual(
      [
        { ok: true, problems: [] },
        { ok: true, problems: [] },
      ],
    );
    expect(validateWorkflow(text('ci-workflow'), 'npm test')).toEqual({ ok: true, problems: [] });
  });

  it('build in a stage of their own and copy the pruned result into the runtime', () => {
    expect(text('dockerfile')).toContain('FROM node:24-slim AS build');
    expect(text('dockerfile')).toContain('RUN npm run build && npm prune --omit=dev');
    expect(text('dockerfile')).toContain('COPY --from=build --chown=node:node /app ./');
    expect(filesCopiedByName(text('dockerfile'))).toEqual([
      'package.json',
      'package-lock.json',
      'package.json',
      'package-lock.json',
    ]);
  });
});

describe('validateDockerfile', () => {
  it('reports the linter errors of a Dockerfile the builder would refuse', () => {
    const result = validateDockerfile(
      'FROM node:24 AS base\nRUNN npm ci\nEXPOSE abc\nCMD ["node", "server.js"]\n',
    );
    expect(result.ok).toBe(false);
    expect(errors(result).join('\n')).toMatch(/RUNN/);
    expect(errors(result)).toContain('Invalid containerPort: abc (line 3)');
  });

  it('reports a final stage without a start command and COPY from a stage that does not exist', () => {
    const result = validateDockerfile(
      'FROM node:24 AS deps\nRUN npm ci\n\nFROM node:24-slim\nCOPY --from=dependencies /app/node_modules ./node_modules\nUSER 1000\n',
    );
    expect(errors(result)).toEqual([
      'COPY --from=dependencies names no earlier stage (line 5)',
      'the final stage has no CMD or ENTRYPOINT: the container would not start the product',
    ]);
  });

  it('joins continuation lines into one instruction', () => {
    expect(
      dockerfileInstructions(
        'FROM a AS b\nRUN apt-get update \\\n  # a comment\n  && apt-get install -y curl\nCMD ["x"]\n',
      ),
    ).toEqual([
      { keyword: 'FROM', arguments: 'a AS b', line: 1 },
      { keyword: 'RUN', arguments: 'apt-get update  && apt-get install -y curl', line: 2 },
      { keyword: 'CMD', arguments: '["x"]', line: 5 },
    ]);
  });
});

describe('validateDockerignore', () => {
  it('reports a context that would send .env to the builder, or leave out a file the Dockerfile copies', () => {
    const result = validateDockerignore('.git\nrequirements.txt\n', ['requirements.txt']);
    expect(errors(result)).toEqual([
      'does not exclude .env: it would be sent to the builder and may end up in the image',
      'excludes requirements.txt, which the Dockerfile copies',
    ]);
  });
});

describe('validateCompose', () => {
  it('reports YAML that does not parse, with its line', () => {
    const result = validateCompose('services:\n  app:\n    image: [unclosed\n');
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.message).toMatch(/not valid YAML/);
    expect(result.problems[0]!.line).toBeGreaterThan(0);
  });

  it('reports a missing image, a bad port, a dependency that does not exist and an undeclared volume', () => {
    const result = validateCompose(
      [
        'services:',
        '  app:',
        '    ports: ["three thousand"]',
        '  web:',
        '    image: web:1',
        '    depends_on:',
        '      db: { condition: service_healthy }',
        '    volumes: ["web-data:/data"]',
        '    healthcheck: { test: ["CMD", "true"] }',
      ].join('\n'),
    );
    expect(errors(result)).toEqual([
      'services.app.ports.0: expected "host:container" like "3000:3000"',
      'services.app: a service needs an image or a build',
    ]);
    const second = validateCompose(
      'services:\n  web:\n    image: web:1\n    depends_on: { db: { condition: service_healthy } }\n    volumes: ["web-data:/data"]\n',
    );
    expect(errors(second)).toEqual([
      'services.web.depends_on: no service named "db"',
      'services.web.volumes: the named volume "web-data" is not declared under volumes',
    ]);
  });

  it('reports waiting for a database to be healthy when it has no healthcheck', () => {
    const broken = text('compose').replace(
      /^( {2}redis:\n(?: {4}.*\n)*?) {4}healthcheck:\n(?: {6}.*\n)+/m,
      '$1',
    );
    expect(broken).not.toEqual(text('compose'));
    expect(errors(validateCompose(broken))).toEqual([
      'services.app.depends_on.redis: waits for it to be healthy, but "redis" has no healthcheck',
    ]);
  });
});

describe('validateKubernetes', () => {
  it('reports a Deployment without a liveness probe, a probe on an undeclared port and a selector that misses its pods', () => {
    const broken = text('kubernetes-deployment')
      .replace(/ {10}livenessProbe:\n(?: {12}.*\n)+?(?= {10}resources)/, '')
      .replace('port: http\n', 'port: 8080\n')
      .replace(
        '  selector:\n    matchLabels:\n      app.kubernetes.io/name: shop',
        '  selector:\n    matchLabels:\n      app.kubernetes.io/name: other',
      );
    const [deployment] = validateKubernetes([broken]);
    expect(errors(deployment!)).toEqual([
      'spec.template.spec.containers.0.livenessProbe: Invalid input: expected object, received undefined',
    ]);
    const withLiveness = text('kubernetes-deployment')
      .replace('port: http\n', 'port: 8080\n')
      .replace(
        '  selector:\n    matchLabels:\n      app.kubernetes.io/name: shop',
        '  selector:\n    matchLabels:\n      app.kubernetes.io/name: other',
      );
    expect(errors(validateKubernetes([withLiveness])[0]!)).toEqual([
      'spec.selector.matchLabels does not match spec.template.metadata.labels: the Deployment would select none of its own pods',
      'container "shop" readinessProbe probes port 8080, which the container does not declare',
    ]);
  });

  it('reports a Service that selects no Deployment, or targets a port its pods do not declare', () => {
    const stray = text('kubernetes-service').replace(
      /app\.kubernetes\.io\/name: shop\n {2}ports/,
      'app.kubernetes.io/name: cart\n  ports',
    );
    expect(errors(validateKubernetes([text('kubernetes-deployment'), stray])[1]!)).toEqual([
      'Service "shop" selects no pods of any Deployment in these files',
    ]);
    const wrongPort = text('kubernetes-service').replace('targetPort: http', 'targetPort: 9000');
    expect(errors(validateKubernetes([text('kubernetes-deployment'), wrongPort])[1]!)).toEqual([
      'Service "shop" targets port 9000, which Deployment "shop" does not declare',
    ]);
  });

  it('checks every document of a multi-document file', () => {
    const both = `${text('kubernetes-deployment')}---\n${text('kubernetes-service').replace('kind: Service', 'kind: Service\nmetadata2: x').replace('name: shop\n', 'name: Shop!\n')}`;
    expect(errors(validateKubernetes([both])[0]!)).toEqual([
      'document 2: metadata.name: expected a lower-case DNS name',
    ]);
  });
});

describe('validateWorkflow', () => {
  it('reports a workflow whose steps do not run the tests, a step with neither uses nor run, and a missing needed job', () => {
    const broken = text('ci-workflow').replace('run: npm test', 'shell: bash');
    expect(errors(validateWorkflow(broken, 'npm test'))).toEqual([
      'jobs.test.steps.3: a step needs exactly one of uses or run',
    ]);
    const noTests = text('ci-workflow')
      .replace('run: npm test', 'run: npm run lint')
      .replace('needs: test', 'needs: tests');
    expect(errors(validateWorkflow(noTests, 'npm test'))).toEqual([
      'jobs.image.needs: no job named "tests"',
      'no step runs the tests (`npm test`)',
    ]);
  });

  it('reports a workflow without triggers or jobs', () => {
    expect(errors(validateWorkflow('name: CI\n'))).toEqual([
      'on: expected the triggers: an event name, a list or a map of events',
      'jobs: Invalid input: expected record, received undefined',
    ]);
  });
});
