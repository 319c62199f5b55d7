import { isDeepStrictEqual } from 'node:util';
import type { HttpStep } from './acceptance-checks.ts';

/** How an HTTP check went: passed, or the first step that did not, with what it got. */
export interface HttpOutcome {
  passed: boolean;
  /** `GET /health` (the failing step's request, or the last one). */
  subject: string;
  expected: string;
  observed: string;
}

const maxBodyShown = 400;

/**
 * Runs the steps of an HTTP check against `baseUrl` in order: each request is sent as written
 * (variables filled in), its response judged against the step's expectations, values saved for
 * later steps. The first step that does not hold fails the check. Never throws.
 */
export async function runHttpCheck(
  baseUrl: string,
  steps: readonly HttpStep[],
  options: { unique: string; timeoutMs?: number; signal?: AbortSignal },
): Promise<HttpOutcome> {
  const variables = new Map<string, string>([['unique', options.unique]]);
  let last: HttpOutcome = { passed: false, subject: '', expected: '', observed: 'no step ran' };
  for (const step of steps) {
    const path = fill(step.path, variables);
    const subject = `${step.method} ${path}`;
    const expected = describeExpectations(step);
    let response: Response;
    let text: string;
    try {
      const signals = [AbortSignal.timeout(options.timeoutMs ?? 10_000)];
      if (options.signal) signals.push(options.signal);
      response = await fetch(new URL(path, baseUrl), {
        method: step.method,
        headers: requestHeaders(step, variables),
        body: requestBody(step, variables),
        redirect: 'manual',
        signal: AbortSignal.any(signals),
      });
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      return {
        passed: false,
        subject,
        expected,
        observed: `no response: ${cause instanceof Error ? cause.message : String(cause)}`,
      };
    }
    const json = parseBody(text);
    const problems = judge(step, response, text, json);
    const observed =
      `${response.status} ${text.length > maxBodyShown ? `${text.slice(0, maxBodyShown)}…` : text}`.trim();
    if (problems.length > 0)
      return { passed: false, subject, expected, observed: `${observed} (${problems.join('; ')})` };
    for (const [name, valuePath] of Object.entries(step.save)) {
      const value = valueAt(json, valuePath);
      if (value.found && value.value !== null && value.value !== undefined)
        variables.set(
          name,
          typeof value.value === 'string' ? value.value : JSON.stringify(value.value),
        );
      else
        return {
          passed: false,
          subject,
          expected,
          observed: `${observed} (nothing at "${valuePath}" to save as {{${name}}})`,
        };
    }
    last = { passed: true, subject, expected, observed };
  }
  return last;
}

function judge(step: HttpStep, response: Response, text: string, json: unknown): string[] {
  const { expect } = step;
  const problems: string[] = [];
  if (expect.status !== undefined && response.status !== expect.status)
    problems.push(`status ${response.status}, not ${expect.status}`);
  for (const part of expect.bodyIncludes)
    if (!text.includes(part)) problems.push(`the body lacks ${JSON.stringify(part)}`);
  for (const part of expect.bodyExcludes)
    if (text.includes(part)) problems.push(`the body contains ${JSON.stringify(part)}`);
  for (const [name, part] of Object.entries(expect.headers)) {
    const value = response.headers.get(name);
    if (value === null || !value.includes(part))
      problems.push(`header ${name} is ${value === null ? 'missing' : JSON.stringify(value)}`);
  }
  for (const assertion of expect.json) {
    const where = assertion.path === '' ? 'the JSON body' : `JSON ${assertion.path}`;
    if (json === undefined) {
      problems.push('the body is not JSON');
      break;
    }
    const found = valueAt(json, assertion.path);
    if (assertion.equals !== undefined) {
      if (!found.found) problems.push(`${where} is missing`);
      else if (!isDeepStrictEqual(found.value, assertion.equals))
        problems.push(`${where} is ${JSON.stringify(found.value)}`);
    } else if (found.found !== (assertion.present ?? true)) {
      problems.push(`${where} is ${found.found ? 'present' : 'missing'}`);
    }
  }
  return problems;
}

/** The step's expectations in words, for the report and a fixing agent. */
export function describeExpectations(step: HttpStep): string {
  const { expect } = step;
  const parts: string[] = [];
  if (expect.status !== undefined) parts.push(`status ${expect.status}`);
  for (const assertion of expect.json) {
    const where = assertion.path === '' ? 'the JSON body' : `JSON ${assertion.path}`;
    if (assertion.equals !== undefined)
      parts.push(`${where} equal to ${JSON.stringify(assertion.equals)}`);
    else parts.push(`${where} ${(assertion.present ?? true) ? 'present' : 'absent'}`);
  }
  for (const part of expect.bodyIncludes) parts.push(`a body containing ${JSON.stringify(part)}`);
  for (const part of expect.bodyExcludes) parts.push(`a body without ${JSON.stringify(part)}`);
  for (const [name, part] of Object.entries(expect.headers))
    parts.push(`header ${name} containing ${JSON.stringify(part)}`);
  return parts.length > 0 ? parts.join('; ') : 'any answer';
}

function requestHeaders(step: HttpStep, variables: Map<string, string>): Record<string, string> {
  const headers = Object.fromEntries(
    Object.entries(step.headers).map(([name, value]) => [name, fill(value, variables)]),
  );
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (step.body !== undefined && typeof step.body !== 'string' && !hasType)
    headers['content-type'] = 'application/json';
  return headers;
}

function requestBody(step: HttpStep, variables: Map<string, string>): string | undefined {
  if (step.body === undefined || step.method === 'GET' || step.method === 'HEAD') return undefined;
  if (typeof step.body === 'string') return fill(step.body, variables);
  return JSON.stringify(fillDeep(step.body, variables));
}

/** `{{name}}` replaced by its saved value; an unknown name is left as written. */
function fill(text: string, variables: Map<string, string>): string {
  return text.replace(
    /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g,
    (whole, name: string) => variables.get(name) ?? whole,
  );
}

function fillDeep(value: unknown, variables: Map<string, string>): unknown {
  if (typeof value === 'string') return fill(value, variables);
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, variables));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fillDeep(item, variables)]),
    );
  return value;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The value at a dot path (`items.0.id`, `$.items[0].id` too); '' is the whole value. */
export function valueAt(root: unknown, path: string): { found: boolean; value?: unknown } {
  const keys = path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key))
      return { found: false };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}
