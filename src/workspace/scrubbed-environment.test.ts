import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandPath, scrubbedEnvironment } from './scrubbed-environment.ts';

describe('scrubbedEnvironment', () => {
  const source = {
    PATH: '/work/loki/node_modules/.bin:/usr/local/bin:/usr/bin:/bin',
    HOME: '/root',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'xterm',
    TZ: 'UTC',
    TMPDIR: '/tmp',
    USER: 'root',
    SHELL: '/bin/bash',
    NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
    NODE_ENV: 'production',
    ANTHROPIC_API_KEY: 'sk-ant-test123',
    OPENAI_API_KEY: 'sk-test',
    GITHUB_TOKEN: 'ghp_test',
    NPM_TOKEN: 'npm_test',
    npm_config__authToken: 'npm_test',
    LOKI_MODEL: 'anthropic/claude',
    AWS_ACCESS_KEY_ID: 'AKIA',
    AWS_SECRET_ACCESS_KEY: 'secret',
    SOME_PASSWORD: 'hunter2',
    UNRELATED: 'x',
  };

  it('keeps only the allow-listed variables, drops secrets and NODE_ENV, sets CI=1', () => {
    const environment = scrubbedEnvironment(source);
    expect(Object.keys(environment).sort()).toEqual(
      [
        'CI',
        'HOME',
        'LANG',
        'LC_ALL',
        'NODE_EXTRA_CA_CERTS',
        'PATH',
        'SHELL',
        'TERM',
        'TMPDIR',
        'TZ',
        'USER',
      ].sort(),
    );
    expect(environment['CI']).toBe('1');
    expect(JSON.stringify(environment)).not.toMatch(/sk-ant|ghp_|npm_test|AKIA|hunter2/);
  });

  it('puts the Node running Loki first on PATH and leaves node_modules folders out', () => {
    const environment = scrubbedEnvironment(source);
    expect(environment['PATH']).toBe(`${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`);
  });

  it('lets the caller add or override variables deliberately', () => {
    const environment = scrubbedEnvironment(source, { HOME: '/tmp/home', PORT: '3000' });
    expect(environment['HOME']).toBe('/tmp/home');
    expect(environment['PORT']).toBe('3000');
  });
});

describe('commandPath', () => {
  it('drops empty and node_modules entries, and duplicates', () => {
    expect(
      commandPath(
        '/opt/node24/bin::/a/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/bin:/usr/bin',
        '/opt/node24/bin',
      ),
    ).toBe('/opt/node24/bin:/usr/bin');
    expect(commandPath(undefined, '/opt/node24/bin')).toBe('/opt/node24/bin');
  });
});
