import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { djangoFixture } from '../../stacks/profiles/django/django-fixture.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ComposeFile } from './compose-template.ts';
import { artifactPaths, generateArtifacts } from './generate-artifacts.ts';
import type { DeploymentManifest, ServiceManifest } from './kubernetes-template.ts';
import { dockerfileInstructions, validateDockerfile } from './validate-dockerfile.ts';
import type { Workflow } from './workflow-template.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function product(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'loki-artifacts-')));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const nodeWithPostgres = {
  'package.json': JSON.stringify({
    name: '@acme/todo-api',
    type: 'module',
    scripts: { start: 'node server.js', test: 'node --test' },
    dependencies: { pg: '^8.11.0' },
  }),
  'package-lock.json': '{}',
  'server.js':
    "import http from 'node:http';\nhttp.createServer((request, response) => response.end(request.url === '/health' ? 'ok' : 'hi')).listen(process.env.PORT);\n",
};

const fastApiWithPostgres = {
  'requirements.txt': 'fastapi>=0.110\nuvicorn[standard]\nSQLAlchemy>=2\n',
  'main.py':
    'import os\nfrom fastapi import FastAPI\nfrom sqlalchemy import create_engine\n\nengine = create_engine(os.environ.get("DATABASE_URL", "postgresql+psycopg://localhost/app"))\napp = FastAPI()\n\n\n@app.get("/healthz")\ndef health():\n    return {"ok": True}\n',
  'test_main.py': 'def test_true():\n    assert True\n',
};

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');
/** The file parsed as YAML, read as the shape Loki renders it in (the test then checks it). */
const yamlOf = <T>(root: string, path: string): T => parse(read(root, path)) as T;

describe('generateArtifacts', () => {
  it('writes six valid artifacts for a Node product with pg, wired to a postgres service', async () => {
    const root = product(nodeWithPostgres);
    const report = await generateArtifacts(root);

    expect(report.ok).toBe(true);
    // The front server belongs to web + API products only.
    const paths = Object.values(artifactPaths).filter(
      (path) => path !== artifactPaths['front-server'],
    );
    expect(report.files.map((file) => [file.path, file.action, file.validation.problems])).toEqual(
      paths.map((path) => [path, 'written', []]),
    );
    for (const path of paths) expect(existsSync(join(root, path))).toBe(true);
    expect(existsSync(join(root, artifactPaths['front-server']))).toBe(false);
    expect(report.profile).toMatchObject({
      name: 'acme-todo-api',
      port: 3000,
      healthPath: '/health',
      databases: ['postgres'],
    });

    const dockerfile = read(root, 'Dockerfile');
    expect(
      dockerfileInstructions(dockerfile).filter((instruction) => instruction.keyword === 'FROM'),
    ).toHaveLength(2);
    expect(dockerfile).toContain('RUN npm ci --omit=dev');
    expect(dockerfile).toContain('CMD ["sh","-c","exec npm start"]');
    expect(dockerfile).toMatch(/HEALTHCHECK .*\/health/);
    expect(read(root, '.dockerignore').split('\n')).toEqual(
      expect.arrayContaining(['node_modules', '.git', '.env']),
    );

    const compose = yamlOf<ComposeFile>(root, 'docker-compose.yml');
    expect(Object.keys(compose.services)).toEqual(['app', 'postgres']);
    expect(compose.services.app!.ports).toEqual(['3000:3000']);
    expect(compose.services.app!.environment!.DATABASE_URL).toBe(
      'postgresql://app:${POSTGRES_PASSWORD:-app}@postgres:5432/app',
    );
    expect(compose.services.app!.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
    });
    expect(compose.services.app!.healthcheck.test.join(' ')).toContain('/health');
    expect(compose.services.postgres!.healthcheck.test).toEqual([
      'CMD-SHELL',
      'pg_isready -U app -d app',
    ]);

    const deployment = yamlOf<DeploymentManifest>(root, 'k8s/deployment.yaml');
    const container = deployment.spec.template.spec.containers[0]!;
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/health',
      port: 'http',
      httpHeaders: [{ name: 'Host', value: 'localhost' }],
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/health',
      port: 'http',
      httpHeaders: [{ name: 'Host', value: 'localhost' }],
    });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 3000 }]);
    expect(container.envFrom).toEqual([{ secretRef: { name: 'acme-todo-api-database' } }]);
    expect(yamlOf<ServiceManifest>(root, 'k8s/service.yaml').spec.selector).toEqual(
      deployment.spec.selector.matchLabels,
    );

    const workflow = yamlOf<Workflow>(root, '.github/workflows/ci.yml');
    const runs = workflow.jobs
      .test!.steps.map((step: { run?: string }) => step.run)
      .filter(Boolean);
    expect(runs).toEqual(['npm ci', 'npm test']);
    expect(workflow.jobs.test!.services!.postgres!.image).toBe('postgres:17-alpine');
    expect(workflow.jobs.test!.env!.DATABASE_URL).toBe('postgresql://app:app@localhost:5432/app');
  });

  it('writes valid artifacts for a FastAPI product: uvicorn on $PORT, pytest in CI, postgres from the SQLAlchemy URL', async () => {
    const root = product(fastApiWithPostgres);
    const report = await generateArtifacts(root);

    expect(report.files.filter((file) => !file.validation.ok)).toEqual([]);
    expect(report.profile).toMatchObject({
      port: 8000,
      healthPath: '/healthz',
      databases: ['postgres'],
    });
    const dockerfile = read(root, 'Dockerfile');
    expect(dockerfile).toContain('RUN pip install --no-cache-dir -r requirements.txt');
    expect(dockerfile).toContain('COPY --from=build /opt/venv /opt/venv');
    expect(dockerfile).toContain(
      'CMD ["sh","-c","exec python -m uvicorn main:app --host 0.0.0.0 --port $PORT"]',
    );
    expect(read(root, '.dockerignore').split('\n')).toEqual(
      expect.arrayContaining(['.venv', '__pycache__']),
    );
    expect(yamlOf<ComposeFile>(root, 'docker-compose.yml').services.app!.environment!.PORT).toBe(
      '8000',
    );
    const container = yamlOf<DeploymentManifest>(root, 'k8s/deployment.yaml').spec.template.spec
      .containers[0]!;
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
    const install = yamlOf<Workflow>(root, '.github/workflows/ci.yml').jobs.test!.steps.find(
      (step: { name?: string }) => step.name === 'Install dependencies',
    );
    expect(install!.run!.split('\n')).toEqual([
      'python -m pip install --upgrade pip',
      'pip install -r requirements.txt',
      'pip install pytest',
    ]);
  });

  it("writes valid artifacts for a Django product: migrations then gunicorn on 0.0.0.0, its health route probed, Django's runner in CI", async () => {
    const root = product(djangoFixture);
    const report = await generateArtifacts(root);

    expect(report.files.filter((file) => !file.validation.ok)).toEqual([]);
    expect(report.profile).toMatchObject({
      port: 8000,
      healthPath: '/health/',
      startCommand:
        'python manage.py migrate --noinput && python -m gunicorn config.wsgi:application --bind 0.0.0.0:$PORT',
      runtime: { stack: 'python', profile: 'django', impliedPackages: ['gunicorn'] },
    });
    const dockerfile = read(root, 'Dockerfile');
    expect(dockerfile).toContain('FROM python:3.12-slim AS runtime');
    expect(dockerfile).toContain(
      'RUN pip install --no-cache-dir -r requirements.txt\nRUN pip install --no-cache-dir gunicorn\n',
    );
    // exec only the server: migrations run first and finish, then gunicorn takes the process.
    expect(dockerfile).toContain(
      'CMD ["sh","-c","python manage.py migrate --noinput && exec python -m gunicorn config.wsgi:application --bind 0.0.0.0:$PORT"]',
    );
    expect(dockerfile).toMatch(/HEALTHCHECK .*127\.0\.0\.1:%s\/health\/'/);
    expect(report.notes).toContain(
      'the image also installs gunicorn, which the start command needs and the dependency files do not name',
    );
    const container = yamlOf<DeploymentManifest>(root, 'k8s/deployment.yaml').spec.template.spec
      .containers[0]!;
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/health/',
      port: 'http',
      httpHeaders: [{ name: 'Host', value: 'localhost' }],
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/health/',
      port: 'http',
      httpHeaders: [{ name: 'Host', value: 'localhost' }],
    });
    expect(
      yamlOf<ComposeFile>(root, 'docker-compose.yml').services.app!.healthcheck.test.join(' '),
    ).toContain('/health/');
    const runs = yamlOf<Workflow>(root, '.github/workflows/ci.yml')
      .jobs.test!.steps.map((step: { run?: string }) => step.run)
      .filter(Boolean);
    expect(runs).toEqual([
      'python -m pip install --upgrade pip\npip install -r requirements.txt\npip install gunicorn',
      'python manage.py test --noinput',
    ]);
  });

  it('installs uvicorn in the image when a FastAPI product names only fastapi, serving from src/', async () => {
    const root = product({
      'requirements.txt': 'fastapi\nhttpx\n',
      'src/shop/api.py':
        'from fastapi import FastAPI\n\nservice = FastAPI()\n\n\n@service.get("/api/health")\ndef health():\n    return {}\n',
    });
    const report = await generateArtifacts(root);
    expect(report.ok).toBe(true);
    expect(report.profile).toMatchObject({
      healthPath: '/api/health',
      startCommand: 'python -m uvicorn shop.api:service --host 0.0.0.0 --port $PORT --app-dir src',
      runtime: {
        profile: 'fastapi',
        impliedPackages: ['uvicorn'],
        testCommand: 'python -m pytest',
      },
    });
    expect(read(root, 'Dockerfile')).toContain('RUN pip install --no-cache-dir uvicorn\n');
    expect(
      yamlOf<DeploymentManifest>(root, 'k8s/deployment.yaml').spec.template.spec.containers[0]!
        .readinessProbe.httpGet.path,
    ).toBe('/api/health');
  });

  it('installs what the start command needs when a Flask product declares no requirements', async () => {
    const root = product({
      'app.py':
        'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/ping")\ndef ping():\n    return "pong"\n',
      'test_app.py': 'from app import ping\n\n\ndef test_ping():\n    assert ping() == "pong"\n',
    });
    const report = await generateArtifacts(root);
    expect(report.ok).toBe(true);
    expect(report.profile).toMatchObject({
      healthPath: '/ping',
      databases: [],
      startCommand: 'python -m flask --app app:app run --host 0.0.0.0 --port $PORT',
    });
    expect(read(root, 'Dockerfile')).toContain('RUN pip install --no-cache-dir flask\n');
    expect(read(root, 'Dockerfile')).not.toContain('requirements.txt');
    expect(report.notes).toContain(
      'no requirements.txt or pyproject.toml: the image installs flask, which the start command needs',
    );
  });

  it('adds no database service for a product on SQLite', async () => {
    const root = product({
      'package.json': JSON.stringify({
        name: 'notes',
        scripts: { start: 'node index.js' },
        dependencies: { 'better-sqlite3': '^11.0.0' },
      }),
      'index.js':
        "require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n",
    });
    const report = await generateArtifacts(root);
    expect(report.ok).toBe(true);
    expect(report.profile.databases).toEqual([]);
    const compose = yamlOf<ComposeFile>(root, 'docker-compose.yml');
    expect(Object.keys(compose.services)).toEqual(['app']);
    expect(compose.volumes).toBeUndefined();
    expect(read(root, 'Dockerfile')).toContain('COPY package.json ./\nRUN npm install --omit=dev');
    expect(
      yamlOf<DeploymentManifest>(root, 'k8s/deployment.yaml').spec.template.spec.containers[0]!
        .envFrom,
    ).toBeUndefined();
  });

  it("keeps the product's own Dockerfile, validates it as it is, and replaces it only when told", async () => {
    const ownDockerfile = 'FROM node:24\nCOPY . .\nCMD ["node", "server.js"]\n';
    const root = product({ ...nodeWithPostgres, Dockerfile: ownDockerfile });

    const kept = await generateArtifacts(root);
    const dockerfile = kept.files.find((file) => file.kind === 'dockerfile')!;
    expect(dockerfile.action).toBe('kept');
    expect(read(root, 'Dockerfile')).toBe(ownDockerfile);
    expect(dockerfile.validation.ok).toBe(true);
    expect(dockerfile.validation.problems.map((problem) => problem.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/single-stage/),
        expect.stringMatching(/HEALTHCHECK/),
        expect.stringMatching(/root/),
      ]),
    );
    expect(kept.notes).toContain(
      "kept the product's own Dockerfile; generate with overwrite to replace it",
    );

    const again = await generateArtifacts(root);
    expect(again.files.find((file) => file.kind === 'compose')!.action).toBe('unchanged');

    const replaced = await generateArtifacts(root, { overwrite: true });
    expect(replaced.files.find((file) => file.kind === 'dockerfile')!.action).toBe('overwritten');
    expect(validateDockerfile(read(root, 'Dockerfile')).problems).toEqual([]);
  });

  it('reports a broken Dockerfile the product already has', async () => {
    const root = product({ ...nodeWithPostgres, Dockerfile: 'FROM\nRUNN npm start\n' });
    const report = await generateArtifacts(root, { kinds: ['dockerfile', 'dockerignore'] });
    expect(report.ok).toBe(false);
    expect(report.files.map((file) => file.kind)).toEqual(['dockerfile', 'dockerignore']);
    const problems = report.files[0]!.validation.problems.filter(
      (problem) => problem.severity === 'error',
    );
    expect(problems.map((problem) => problem.message).join('\n')).toMatch(
      /RUNN|unknown instruction/i,
    );
  });

  it('refuses a directory with no known stack, saying why', async () => {
    const root = product({ 'README.md': '# nothing to run\n' });
    await expect(generateArtifacts(root)).rejects.toMatchObject({
      code: 'deploy.unknown-stack',
      message: expect.stringMatching(/no known stack/),
    });
    expect(existsSync(join(root, 'Dockerfile'))).toBe(false);
  });
});
