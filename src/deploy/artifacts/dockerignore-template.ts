import type { ProductProfile } from './product-profile.ts';

const common = [
  "# Kept out of the image: history, secrets, Loki's own state, deployment files.",
  '.git',
  '.env',
  '.env.*',
  '!.env.example',
  '.loki',
  '.loki-cache',
  'deployments',
  'docker-compose.yml',
  'k8s',
  '.github',
  '*.log',
  'coverage',
];

const byStack = {
  node: ['# Installed inside the image, for its platform.', 'node_modules', '.npm'],
  python: [
    '# Built inside the image.',
    '.venv',
    'venv',
    '__pycache__',
    '*.pyc',
    '.pytest_cache',
    '.mypy_cache',
    '.ruff_cache',
    'htmlcov',
    '.coverage',
  ],
};

/** The `.dockerignore`: what the build context leaves out. */
export function renderDockerignore(profile: ProductProfile): string {
  const lines = [...common, ...byStack[profile.runtime.stack]];
  // A build script writes its output inside the image; a stale local copy must not shadow it.
  if (profile.runtime.stack === 'node' && profile.runtime.buildScript) lines.push('dist', 'build');
  // web/ and api/ each install and build inside the image.
  if (profile.frontEnd?.kind === 'web-api') lines.push('**/node_modules', '**/dist');
  return `${lines.join('\n')}\n`;
}
