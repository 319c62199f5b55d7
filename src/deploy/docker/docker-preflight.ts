import type { Preflight } from '../deploy-target.ts';
import type { ProgramRunner } from '../target-support/program-runner.ts';

/** What preflight found about Docker here. */
export interface DockerPreflight extends Preflight {
  /** The CLI's version, or null when there is no CLI. */
  clientVersion: string | null;
  /** The engine's version, or null when no engine answered. */
  serverVersion: string | null;
}

/** Long enough for a local engine, short enough not to stall a run on a dead remote one. */
const timeoutMs = 5_000;

/**
 * Asks `docker version` for the client's and the engine's version. The CLI can be installed
 * without an engine running (or reachable); that is said apart from a missing CLI.
 */
export async function dockerPreflight(runner: ProgramRunner): Promise<DockerPreflight> {
  const result = await runner.run({
    file: 'docker',
    args: ['version', '--format', '{{.Client.Version}}|{{.Server.Version}}'],
    timeoutMs,
  });
  if (result.notFound) {
    return {
      ok: false,
      problems: [
        'the docker CLI is not on PATH; install Docker Engine (https://docs.docker.com/engine/install/) or Docker Desktop.',
      ],
      clientVersion: null,
      serverVersion: null,
    };
  }
  const [client = '', server = ''] = result.stdout.trim().split('|');
  const clientVersion = client.trim() || null;
  const serverVersion = server.trim() || null;
  if (result.exitCode === 0 && serverVersion !== null)
    return { ok: true, problems: [], clientVersion, serverVersion };
  const why = result.timedOut
    ? `it did not answer within ${timeoutMs / 1000} s`
    : (result.stderr
        .trim()
        .split('\n')
        .find((line) => line.trim() !== '') ?? `docker version exited with ${result.exitCode}`);
  return {
    ok: false,
    problems: [
      `the docker CLI${clientVersion ? ` ${clientVersion}` : ''} is installed but no Docker engine answers (${why}); start the Docker daemon, or point DOCKER_HOST at a running engine.`,
    ],
    clientVersion,
    serverVersion,
  };
}
