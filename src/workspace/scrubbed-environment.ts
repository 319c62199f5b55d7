import { dirname, sep } from 'node:path';

/**
 * Variables a command may see from Loki's own environment. An allow-list: whatever is not named
 * here (provider keys, `*_TOKEN`, `*_SECRET`, `LOKI_*`, npm tokens, `AWS_*`, ...) is dropped, so a
 * secret nobody thought of is dropped too.
 */
const keptNames = new Set([
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'TMPDIR',
  // Where the machine's CA certificates are: public files, needed where TLS is intercepted.
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  'REQUESTS_CA_BUNDLE',
  'GIT_SSL_CAINFO',
  'PIP_CERT',
  // Without the proxy a networked install cannot reach the registry on a proxied machine.
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
]);

/** Locale variables (`LC_ALL`, `LC_CTYPE`, ...): they decide how tools read and print text. */
const keptPrefixes = ['LC_'];

/**
 * The PATH for commands: the directory of the Node that runs Loki first, so `node`, and `npm` or
 * `npx` (whose `#!/usr/bin/env node` picks the first node on PATH), run on it rather than on an
 * older Node of the machine; then the machine's PATH without any `node_modules` directory, so a
 * product's `vitest` or `tsc` is never Loki's own copy (npm scripts add the product's own).
 */
export function commandPath(sourcePath: string | undefined, nodeDirectory: string): string {
  const machine = (sourcePath ?? '')
    .split(':')
    .filter((entry) => entry !== '' && !`${entry}${sep}`.includes(`${sep}node_modules${sep}`));
  return [...new Set([nodeDirectory, ...machine])].join(':');
}

/**
 * The environment of an agent command: the allow-listed variables of `source`, PATH rebuilt by
 * `commandPath` on the Node running Loki (`process.execPath`), `CI=1` (tools skip prompts and
 * watch modes), `NODE_ENV` left unset (a product's test runner chooses it), then `extra`, which
 * wins over everything: it is the caller's deliberate choice, not the machine's leftovers.
 */
export function scrubbedEnvironment(
  source: NodeJS.ProcessEnv,
  extra: Record<string, string> = {},
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (keptNames.has(name) || keptPrefixes.some((prefix) => name.startsWith(prefix))) {
      environment[name] = value;
    }
  }
  environment['PATH'] = commandPath(source['PATH'], dirname(process.execPath));
  environment['CI'] = '1';
  return { ...environment, ...extra };
}
