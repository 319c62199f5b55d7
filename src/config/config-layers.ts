import type { LokiConfigInput } from './config-schema.ts';

/** Where one layer of configuration came from, for error messages and `loki config`. */
export interface ConfigLayer {
  source: string;
  values: Record<string, unknown>;
}

const nestedKeys = new Set(['roles', 'providers', 'prices', 'call']);

/**
 * Merges layers in order, later winning; the maps (`roles`, `providers`, `prices`, `call`)
 * merge by key, so a project file can override one role without restating the others.
 */
export function mergeLayers(layers: readonly ConfigLayer[]): LokiConfigInput {
  const merged: Record<string, unknown> = {};
  for (const { values } of layers) {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (nestedKeys.has(key) && isRecord(value) && isRecord(merged[key])) {
        merged[key] =
          key === 'providers' ? mergeProviders(merged[key], value) : { ...merged[key], ...value };
      } else {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function mergeProviders(before: Record<string, unknown>, after: Record<string, unknown>) {
  const result: Record<string, unknown> = { ...before };
  for (const [name, settings] of Object.entries(after)) {
    const earlier = result[name];
    result[name] = isRecord(earlier) && isRecord(settings) ? { ...earlier, ...settings } : settings;
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const environmentSource = 'the environment (LOKI_* variables)';

/** `LOKI_*` variables as a config layer. Numbers stay text here; the schema says what is wrong. */
export function environmentLayer(env: Readonly<Record<string, string | undefined>>): ConfigLayer {
  const number = (name: string) => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : text;
  };
  const roles = {
    planner: env['LOKI_PLANNER_MODEL'],
    coder: env['LOKI_CODER_MODEL'],
    reviewer: env['LOKI_REVIEWER_MODEL'],
    mediator: env['LOKI_MEDIATOR_MODEL'],
    verifier: env['LOKI_VERIFIER_MODEL'],
  };
  return {
    source: environmentSource,
    values: dropUndefined({
      model: env['LOKI_MODEL'],
      roles: Object.values(roles).some(Boolean) ? dropUndefined(roles) : undefined,
      baseUrl: env['LOKI_BASE_URL'],
      concurrency: number('LOKI_CONCURRENCY'),
      maxTime: env['LOKI_MAX_TIME'],
      budgetUsd: number('LOKI_BUDGET_USD'),
      journal: env['LOKI_JOURNAL'],
      maxLines: number('LOKI_MAX_LINES'),
      heldOutPercent: number('LOKI_HELD_OUT_PERCENT'),
      stack: env['LOKI_STACK'],
    }),
  };
}

/** Which environment variable feeds which key, so an error can name the variable. */
export const environmentVariableOf: Record<string, string> = {
  model: 'LOKI_MODEL',
  'roles.planner': 'LOKI_PLANNER_MODEL',
  'roles.coder': 'LOKI_CODER_MODEL',
  'roles.reviewer': 'LOKI_REVIEWER_MODEL',
  'roles.mediator': 'LOKI_MEDIATOR_MODEL',
  'roles.verifier': 'LOKI_VERIFIER_MODEL',
  baseUrl: 'LOKI_BASE_URL',
  concurrency: 'LOKI_CONCURRENCY',
  maxTime: 'LOKI_MAX_TIME',
  budgetUsd: 'LOKI_BUDGET_USD',
  journal: 'LOKI_JOURNAL',
  maxLines: 'LOKI_MAX_LINES',
  heldOutPercent: 'LOKI_HELD_OUT_PERCENT',
  stack: 'LOKI_STACK',
};

/** Which flag feeds which key, so an error can name the flag. */
export const commandLineFlagOf: Record<string, string> = {
  model: '--model',
  baseUrl: '--base-url',
  concurrency: '--concurrency',
  maxTime: '--max-time',
  budgetUsd: '--budget-usd',
  journal: '--journal',
  memory: '--memory',
  maxLines: '--max-lines',
  heldOutPercent: '--held-out',
  stack: '--stack',
};

export function dropUndefined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
