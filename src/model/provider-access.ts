import { LokiError } from '../core/index.ts';
import { formatModelSpec, providers, type ModelSpec } from './model-spec.ts';
import type { ModelSettings, ProviderSettings } from './model-settings.ts';

export type Environment = Readonly<Record<string, string | undefined>>;

export function providerSettingsOf(spec: ModelSpec, settings: ModelSettings): ProviderSettings {
  return settings.providers[spec.provider] ?? {};
}

/** The variable a provider's key is read from: the config's `{env:VAR}`, else the standard one. */
export function keyVariableOf(spec: ModelSpec, settings: ModelSettings): string | null {
  const reference = providerSettingsOf(spec, settings).apiKey;
  return reference ? reference.slice('{env:'.length, -1) : providers[spec.provider].keyVariable;
}

/** The API key for a model's provider, or a bad-input error saying where to put it. */
export function resolveApiKey(
  spec: ModelSpec,
  settings: ModelSettings,
  env: Environment,
): string | undefined {
  const variable = keyVariableOf(spec, settings);
  const key = variable ? env[variable]?.trim() : undefined;
  if (key) return key;
  if (!providers[spec.provider].keyRequired) return undefined;
  throw new LokiError({
    code: 'model.no-api-key',
    category: 'bad-input',
    message:
      `No API key for ${formatModelSpec(spec)}: the variable ${variable} is not set. ` +
      `Export your ${spec.provider} key in ${variable} (or reference another variable with ` +
      `"providers": {"${spec.provider}": {"apiKey": "{env:MY_KEY}"}} in loki.config.json), ` +
      `or run on a local model instead, e.g. --model ollama/qwen2.5-coder with Ollama running.`,
    details: { model: formatModelSpec(spec), variable },
  });
}

/** The base URL for OpenAI-compatible providers; undefined means the provider's SDK default. */
export function resolveBaseUrl(spec: ModelSpec, settings: ModelSettings): string | undefined {
  const configured =
    providerSettingsOf(spec, settings).baseUrl ??
    (spec.provider === 'openai-compatible' ? settings.baseUrl : undefined);
  const baseUrl = configured ?? providers[spec.provider].defaultBaseUrl ?? undefined;
  if (spec.provider === 'openai-compatible' && !baseUrl) {
    throw new LokiError({
      code: 'config.missing-base-url',
      category: 'bad-input',
      message:
        `${formatModelSpec(spec)} needs the base URL of the server that serves it: set LOKI_BASE_URL ` +
        `(e.g. http://127.0.0.1:8000/v1), pass --base-url, or set "baseUrl" in loki.config.json.`,
      details: { model: formatModelSpec(spec) },
    });
  }
  return baseUrl?.replace(/\/+$/, '');
}
