import type { FrontEndLayout } from './front-end-profile.ts';

/** The CI test command of a web + API product: each part's own tests, in its folder. */
export const webApiTestCommand = 'npm test --prefix web && npm test --prefix api';

/** Node with npm's cache keyed on both lockfiles, then both parts installed. */
export function webApiSetupSteps(
  nodeVersion: string,
  layout: Extract<FrontEndLayout, { kind: 'web-api' }>,
): { name?: string; uses?: string; with?: Record<string, string>; run?: string }[] {
  const locked = layout.web.lockfile && layout.api.lockfile;
  const install = (folder: string, lockfile: boolean) =>
    `${lockfile ? 'npm ci' : 'npm install'} --prefix ${folder}`;
  return [
    {
      uses: 'actions/setup-node@v4',
      with: {
        'node-version': nodeVersion,
        ...(locked
          ? {
              cache: 'npm',
              'cache-dependency-path': 'web/package-lock.json\napi/package-lock.json',
            }
          : {}),
      },
    },
    {
      name: 'Install dependencies',
      run: [install('web', layout.web.lockfile), install('api', layout.api.lockfile)].join('\n'),
    },
  ];
}
