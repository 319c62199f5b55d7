import type { HealthReport } from '../deploy-target.ts';

/** How a release is probed over HTTP. */
export interface HealthCheckOptions {
  /** Default 20. */
  attempts?: number;
  /** Between attempts. Default 500. */
  intervalMs?: number;
  /** For one request. Default 3 000. */
  timeoutMs?: number;
  /** Injected for tests of odd servers; default the global fetch. */
  fetch?: typeof fetch;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Probes `baseUrl` + each path in turn until one answers 2xx, retrying while the server starts.
 * A 3xx is followed; a 4xx/5xx or no answer is retried until the attempts run out.
 */
export async function checkHttpHealth(
  baseUrl: string,
  paths: readonly string[],
  options: HealthCheckOptions = {},
): Promise<HealthReport> {
  const attempts = options.attempts ?? 20;
  const doFetch = options.fetch ?? fetch;
  let last: HealthReport = {
    ok: false,
    url: baseUrl,
    attempts: 0,
    status: null,
    reason: 'not probed',
  };
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    for (const path of paths) {
      const url = new URL(path, baseUrl).toString();
      try {
        const response = await doFetch(url, {
          signal: AbortSignal.timeout(options.timeoutMs ?? 3_000),
        });
        await response.body?.cancel();
        if (response.ok)
          return { ok: true, url, attempts: attempt, status: response.status, reason: null };
        last = {
          ok: false,
          url,
          attempts: attempt,
          status: response.status,
          reason: `${url} answered ${response.status}`,
        };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
        last = {
          ok: false,
          url,
          attempts: attempt,
          status: null,
          reason: `${url} did not answer (${cause})`,
        };
      }
    }
    if (attempt < attempts) await sleep(options.intervalMs ?? 500);
  }
  return { ...last, reason: `${last.reason ?? 'unhealthy'} after ${attempts} attempts` };
}

/**
 * The paths to probe: the health route the product declares; when it declares none (`/`),
 * `/health` then `/`. A declared route that fails is a failure: `/` answering does not hide it.
 */
export function healthPaths(healthPath: string): string[] {
  return healthPath === '/' ? ['/health', '/'] : [healthPath];
}
