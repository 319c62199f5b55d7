import { frontEndStages, frontEndUser } from './front-end-dockerfile.ts';
import { healthProbeCommand } from './health-probe.ts';
import type { NodeRuntime, ProductProfile, PythonRuntime } from './product-profile.ts';

/** One Dockerfile instruction: its keyword and its arguments as written. */
export interface Instruction {
  keyword: 'ARG' | 'COPY' | 'ENV' | 'EXPOSE' | 'HEALTHCHECK' | 'RUN' | 'USER' | 'WORKDIR' | 'CMD';
  arguments: string;
  /** A line of comment above it, saying why. */
  comment?: string;
}

/** One build stage: `FROM base AS name`, then its instructions. */
export interface BuildStage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** The user the runtime stage runs as, by number: Kubernetes can check a number is not root. */
export interface RuntimeUser {
  name: string;
  uid: number;
}

const step = (
  keyword: Instruction['keyword'],
  argumentsText: string,
  comment?: string,
): Instruction =>
  comment === undefined
    ? { keyword, arguments: argumentsText }
    : { keyword, arguments: argumentsText, comment };

/** `ENV A=1 B=2`, values quoted as JSON strings so spaces survive. */
const env = (values: Record<string, string>): Instruction =>
  step(
    'ENV',
    Object.entries(values)
      .map(([key, value]) =>
        /^[\w./:$-]+$/.test(value) ? `${key}=${value}` : `${key}=${JSON.stringify(value)}`,
      )
      .join(' '),
  );

/**
 * The exec form (a JSON array), through `sh -c` with `exec` so `$PORT` expands and signals reach
 * the server. Only the last command of `migrate && serve` is the server: `exec` goes there.
 */
const shellCommand = (command: string): string => {
  const parts = command.split(' && ');
  const server = parts.pop() ?? command;
  return JSON.stringify(['sh', '-c', [...parts, `exec ${server}`].join(' && ')]);
};

const healthcheck = (profile: ProductProfile): Instruction =>
  step(
    'HEALTHCHECK',
    `--interval=10s --timeout=3s --start-period=15s --retries=3 CMD ${JSON.stringify(healthProbeCommand(profile))}`,
  );

/** The user the runtime stage of a product's image runs as. */
export function runtimeUser(profile: ProductProfile): RuntimeUser {
  if (profile.frontEnd) return frontEndUser(profile.frontEnd);
  return profile.runtime.stack === 'node'
    ? { name: 'node', uid: 1000 }
    : { name: 'app', uid: 10001 };
}

function nodeStages(profile: ProductProfile, runtime: NodeRuntime): BuildStage[] {
  const base = `node:${runtime.version}-slim`;
  const manifests = runtime.lockfile ? 'package.json package-lock.json' : 'package.json';
  const install = runtime.lockfile ? 'npm ci' : 'npm install';
  const user = runtimeUser(profile);
  const deps: BuildStage = {
    name: 'deps',
    base,
    instructions: [
      step('WORKDIR', '/app'),
      step(
        'COPY',
        `${manifests} ./`,
        'Dependencies first: this layer is rebuilt only when they change.',
      ),
      step('RUN', `${install} --omit=dev`),
    ],
  };
  const build: BuildStage = {
    name: 'build',
    base,
    instructions: [
      step('WORKDIR', '/app'),
      step('COPY', `${manifests} ./`),
      step('RUN', install),
      step('COPY', '. .'),
      step(
        'RUN',
        'npm run build && npm prune --omit=dev',
        'Build with the dev dependencies, then drop them.',
      ),
    ],
  };
  const copyApplication = runtime.buildScript
    ? [step('COPY', `--from=build --chown=${user.name}:${user.name} /app ./`)]
    : [
        step(
          'COPY',
          `--from=deps --chown=${user.name}:${user.name} /app/node_modules ./node_modules`,
        ),
        step('COPY', `--chown=${user.name}:${user.name} . .`),
      ];
  const runtimeStage: BuildStage = {
    name: 'runtime',
    base,
    instructions: [
      env({ NODE_ENV: 'production', PORT: String(profile.port) }),
      step('WORKDIR', '/app'),
      ...copyApplication,
      step('USER', String(user.uid), `The image's unprivileged "${user.name}" user, by number.`),
      step('EXPOSE', String(profile.port)),
      healthcheck(profile),
      step('CMD', shellCommand(profile.startCommand)),
    ],
  };
  return runtime.buildScript ? [deps, build, runtimeStage] : [deps, runtimeStage];
}

function pythonStages(profile: ProductProfile, runtime: PythonRuntime): BuildStage[] {
  const base = `python:${runtime.version}-slim`;
  const user = runtimeUser(profile);
  const installs: Instruction[] = [];
  if (runtime.requirementsFile) {
    installs.push(
      step(
        'COPY',
        'requirements.txt ./',
        'Dependencies first: this layer is rebuilt only when they change.',
      ),
      step('RUN', 'pip install --no-cache-dir -r requirements.txt'),
    );
  }
  if (runtime.installable) {
    installs.push(step('COPY', '. .'), step('RUN', 'pip install --no-cache-dir .'));
  }
  if (runtime.impliedPackages.length > 0) {
    installs.push(step('RUN', `pip install --no-cache-dir ${runtime.impliedPackages.join(' ')}`));
  }
  const build: BuildStage = {
    name: 'build',
    base,
    instructions: [
      step('WORKDIR', '/app'),
      step(
        'RUN',
        'python -m venv /opt/venv',
        'A virtual environment is one directory to copy into the runtime stage.',
      ),
      env({ PATH: '/opt/venv/bin:$PATH' }),
      ...installs,
    ],
  };
  const runtimeStage: BuildStage = {
    name: 'runtime',
    base,
    instructions: [
      env({
        PATH: '/opt/venv/bin:$PATH',
        PYTHONUNBUFFERED: '1',
        PYTHONDONTWRITEBYTECODE: '1',
        PORT: String(profile.port),
      }),
      step('RUN', `useradd --create-home --uid ${user.uid} ${user.name}`),
      step('WORKDIR', '/app'),
      step('COPY', '--from=build /opt/venv /opt/venv'),
      step('COPY', `--chown=${user.name}:${user.name} . .`),
      step('USER', String(user.uid)),
      step('EXPOSE', String(profile.port)),
      healthcheck(profile),
      step('CMD', shellCommand(profile.startCommand)),
    ],
  };
  return [build, runtimeStage];
}

/** The build stages of a product's image: dependencies and build apart from a slim runtime. */
export function dockerfileStages(profile: ProductProfile): BuildStage[] {
  if (profile.frontEnd) return frontEndStages(profile, profile.frontEnd);
  return profile.runtime.stack === 'node'
    ? nodeStages(profile, profile.runtime)
    : pythonStages(profile, profile.runtime);
}

/** The Dockerfile's text. */
export function renderDockerfile(profile: ProductProfile): string {
  const lines = [
    '# syntax=docker/dockerfile:1',
    `# ${profile.name}: generated by Loki for the ${profile.runtime.stack} stack; edit freely, Loki keeps your version.`,
  ];
  for (const stage of dockerfileStages(profile)) {
    lines.push('', `FROM ${stage.base} AS ${stage.name}`);
    for (const instruction of stage.instructions) {
      if (instruction.comment !== undefined) lines.push(`# ${instruction.comment}`);
      lines.push(`${instruction.keyword} ${instruction.arguments}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
