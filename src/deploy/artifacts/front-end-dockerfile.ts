import type { BuildStage, Instruction, RuntimeUser } from './dockerfile-template.ts';
import type { FrontEndLayout } from './front-end-profile.ts';
import { healthProbeCommand } from './health-probe.ts';
import type { ProductProfile } from './product-profile.ts';

const step = (keyword: Instruction['keyword'], text: string, comment?: string): Instruction =>
  comment === undefined ? { keyword, arguments: text } : { keyword, arguments: text, comment };

const healthcheck = (profile: ProductProfile): Instruction =>
  step(
    'HEALTHCHECK',
    `--interval=10s --timeout=3s --start-period=15s --retries=3 CMD ${JSON.stringify(healthProbeCommand(profile))}`,
  );

/** nginx's unprivileged image: it runs as uid 101 and listens on 8080, so Kubernetes can require non-root. */
const nginxImage = 'nginxinc/nginx-unprivileged:1.29-alpine';

/**
 * The site's nginx configuration, written in the build stage: client-side routes get
 * index.html, Vite's fingerprinted assets are cached for a year, index.html never.
 */
const nginxConfiguration = [
  'server {',
  '  listen 8080;',
  '  root /usr/share/nginx/html;',
  '  location / { try_files $uri $uri/ /index.html; add_header Cache-Control "no-cache"; }',
  '  location /assets/ { expires 1y; add_header Cache-Control "public, immutable"; }',
  '}',
];

/** The user a front-end product's image runs as. */
export function frontEndUser(layout: FrontEndLayout): RuntimeUser {
  return layout.kind === 'static-site' ? { name: 'nginx', uid: 101 } : { name: 'node', uid: 1000 };
}

/** npm ci with a lockfile, npm install without, for the manifests in `folder` (`.` or a part). */
function installFrom(folder: string, lockfile: boolean): Instruction[] {
  const prefix = folder === '.' ? '' : `${folder}/`;
  const manifests = lockfile
    ? `${prefix}package.json ${prefix}package-lock.json`
    : `${prefix}package.json`;
  return [
    step(
      'COPY',
      `${manifests} ./`,
      'Dependencies first: this layer is rebuilt only when they change.',
    ),
    step('RUN', lockfile ? 'npm ci' : 'npm install'),
  ];
}

function staticSiteStages(
  profile: ProductProfile,
  lockfile: boolean,
  output: string,
): BuildStage[] {
  const base = `node:${profile.runtime.version}-slim`;
  const user = frontEndUser({ kind: 'static-site', outputDirectory: output });
  return [
    {
      name: 'build',
      base,
      instructions: [
        step('WORKDIR', '/app'),
        ...installFrom('.', lockfile),
        step('COPY', '. .'),
        step('RUN', 'npm run build', `Vite writes the static site to ${output}/.`),
        step(
          'RUN',
          `printf '%s\\n' ${nginxConfiguration.map((line) => `'${line}'`).join(' ')} > nginx.conf`,
        ),
      ],
    },
    {
      name: 'runtime',
      base: nginxImage,
      instructions: [
        step('COPY', '--from=build /app/nginx.conf /etc/nginx/conf.d/default.conf'),
        step('COPY', `--from=build /app/${output} /usr/share/nginx/html`),
        step('USER', String(user.uid), `The image's unprivileged "${user.name}" user, by number.`),
        step('EXPOSE', String(profile.port)),
        healthcheck(profile),
        step('CMD', JSON.stringify(['nginx', '-g', 'daemon off;'])),
      ],
    },
  ];
}

function webApiStages(
  profile: ProductProfile,
  layout: Extract<FrontEndLayout, { kind: 'web-api' }>,
): BuildStage[] {
  const base = `node:${profile.runtime.version}-slim`;
  const user = frontEndUser(layout);
  const owned = `--chown=${user.name}:${user.name}`;
  return [
    {
      name: 'web',
      base,
      instructions: [
        step('WORKDIR', '/app/web'),
        ...installFrom('web', layout.web.lockfile),
        step('COPY', 'web/ ./'),
        step('RUN', 'npm run build', 'Vite writes the page to web/dist/.'),
      ],
    },
    {
      name: 'api',
      base,
      instructions: [
        step('WORKDIR', '/app/api'),
        ...installFrom('api', layout.api.lockfile),
        step('COPY', 'api/ ./'),
        step(
          'RUN',
          layout.api.buildScript ? 'npm run build && npm prune --omit=dev' : 'npm prune --omit=dev',
          'The API without its dev dependencies.',
        ),
      ],
    },
    {
      name: 'runtime',
      base,
      instructions: [
        step('ENV', `NODE_ENV=production PORT=${profile.port}`),
        step('WORKDIR', '/app'),
        step('COPY', `--from=api ${owned} /app/api ./api`),
        step('COPY', `--from=web ${owned} /app/web/dist ./web/dist`),
        step(
          'COPY',
          `${owned} deploy/front-server.mts ./front-server.mts`,
          'Serves web/dist at / and forwards /api to the API it starts: one port, as in the local deployment.',
        ),
        step('USER', String(user.uid), `The image's unprivileged "${user.name}" user, by number.`),
        step('EXPOSE', String(profile.port)),
        healthcheck(profile),
        step('CMD', JSON.stringify(['sh', '-c', `exec ${profile.startCommand}`])),
      ],
    },
  ];
}

/** The stages of a front-end product's image (see `FrontEndLayout`). */
export function frontEndStages(profile: ProductProfile, layout: FrontEndLayout): BuildStage[] {
  const runtime = profile.runtime;
  const lockfile = runtime.stack === 'node' && runtime.lockfile;
  return layout.kind === 'static-site'
    ? staticSiteStages(profile, lockfile, layout.outputDirectory)
    : webApiStages(profile, layout);
}
