import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../core/index.ts';
import type { HealthReport } from '../deploy-target.ts';

/** How a staged release is probed before it may take traffic. */
export interface HealthCheckOptions {
  /** The path probed; default the route the code declares (see StartCommand.healthPath). */
  path?: string;
  /** Most probes before giving up. Default 60. */
  retries?: number;
  /** The whole check may take at most this long. Default 30 000. */
  timeoutMs?: number;
  /** Between probes. Default 250. */
  intervalMs?: number;
  /** One probe may take at most this long. Default 2 000. */
  requestTimeoutMs?: number;
}

type Probe = { status: number } | { error: string };

async function probe(url: string, timeoutMs: number): Promise<Probe> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return { error: errorMessage(cause ?? error) };
  }
}

/** One probe of a running release's health, as its monitor records it. */
export interface HealthProbe {
  ok: boolean;
  /** The path that was judged: the health path, or `/` when the health path answered 404. */
  path: string;
  status: number | null;
  latencyMs: number;
  /** Why it failed, for people (`GET /health answered 503`), or null. */
  error: string | null;
}

/**
 * Probes a running release once, judged as the check before promotion judges it: a declared
 * health route must answer 2xx or 3xx; one answering 404 is no health route, and `/` is probed
 * instead, where any answer below 500 shows the server is up. Never throws.
 */
export async function probeHealth(
  baseUrl: string,
  path: string,
  timeoutMs: number,
): Promise<HealthProbe> {
  const started = performance.now();
  const answer = await probe(new URL(path, baseUrl).href, timeoutMs);
  if ('status' in answer && answer.status === 404 && path !== '/') {
    return probeHealth(baseUrl, '/', timeoutMs);
  }
  const latencyMs = Math.round(performance.now() - started);
  const healthyBelow = path === '/' ? 500 : 400;
  if ('status' in answer) {
    const ok = answer.status < healthyBelow;
    const error = ok ? null : `GET ${path} answered ${answer.status}`;
    return { ok, path, status: answer.status, latencyMs, error };
  }
  const error = `GET ${path} did not answer (${answer.error})`;
  return { ok: false, path, status: null, latencyMs, error };
}

/**
 * Probes `baseUrl` until its health path answers 2xx or 3xx (a path answering 404 is not a
 * health route: `/` is probed instead, where any answer below 500 shows the server is up), then smoke-tests it: `GET /` must not answer 5xx. Stops
 * early when `gone()` says the process ended (with its reason). Never throws.
 */
export async function checkHealth(
  baseUrl: string,
  healthPath: string,
  options: HealthCheckOptions = {},
  gone: () => Promise<string | null> = () => Promise.resolve(null),
): Promise<HealthReport> {
  const retries = options.retries ?? 60;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const requestTimeoutMs = options.requestTimeoutMs ?? 2_000;
  let path = options.path ?? healthPath;
  let url = new URL(path, baseUrl).href;
  let last: Probe = { error: 'not probed' };
  let attempts = 0;
  while (attempts < retries && Date.now() < deadline) {
    attempts += 1;
    last = await probe(url, requestTimeoutMs);
    if ('status' in last && last.status === 404 && path !== '/') {
      path = '/';
      url = new URL(path, baseUrl).href;
      continue;
    }
    // A declared health route must say it is healthy; `/` only has to show the server answers.
    const healthyBelow = path === '/' ? 500 : 400;
    if ('status' in last && last.status < healthyBelow)
      return smokeTest(baseUrl, url, last.status, attempts, requestTimeoutMs);
    const ended = await gone();
    if (ended !== null) return failed(url, attempts, last, ended);
    await sleep(options.intervalMs ?? 250);
  }
  return failed(url, attempts, last, null);
}

async function smokeTest(
  baseUrl: string,
  healthyUrl: string,
  healthyStatus: number,
  attempts: number,
  timeoutMs: number,
): Promise<HealthReport> {
  const root = new URL('/', baseUrl).href;
  const answer = await probe(root, timeoutMs);
  if ('status' in answer && answer.status < 500) {
    return { ok: true, url: healthyUrl, attempts, status: healthyStatus, reason: null };
  }
  const said = 'status' in answer ? `answered ${answer.status}` : `failed: ${answer.error}`;
  return {
    ok: false,
    url: root,
    attempts,
    status: 'status' in answer ? answer.status : null,
    reason: `the health check passed but the smoke test GET / ${said}`,
  };
}

function failed(url: string, attempts: number, last: Probe, ended: string | null): HealthReport {
  const said = 'status' in last ? `answered ${last.status}` : `did not answer (${last.error})`;
  return {
    ok: false,
    url,
    attempts,
    status: 'status' in last ? last.status : null,
    reason: ended ? `${ended}; ${url} ${said}` : `${url} ${said} after ${attempts} attempt(s)`,
  };
}
