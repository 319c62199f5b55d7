import { fileURLToPath } from 'node:url';
import { shellQuote } from '../../shell-quote.ts';

/** Where Loki's front server (`front-server.ts`) is, for start commands and artifacts. */
export const frontServerPath = fileURLToPath(new URL('./front-server.ts', import.meta.url));

/**
 * The command line that serves `staticDirectory` (relative to the project root) on `$PORT`,
 * and, given an API, forwards `/api` to it. It runs Loki's own copy of the server with the Node
 * running Loki (22.18+ runs TypeScript as it is): a release needs no server package of its own.
 */
export function frontServerCommand(
  staticDirectory: string,
  api?: { directory: string; command: string; portEnvVar?: string },
): string {
  const parts = [
    shellQuote(process.execPath),
    shellQuote(frontServerPath),
    '--static',
    shellQuote(staticDirectory),
  ];
  if (api) {
    parts.push('--api-dir', shellQuote(api.directory), '--api-command', shellQuote(api.command));
    if (api.portEnvVar !== undefined && api.portEnvVar !== 'PORT') {
      parts.push('--api-port-env', shellQuote(api.portEnvVar));
    }
  }
  return parts.join(' ');
}
