import { LokiError } from '../core/index.ts';

/** Where a provider lives and how it is reached. */
export interface ProviderInfo {
  /** The environment variable the provider's key is read from by default; null when keyless. */
  keyVariable: string | null;
  /** Whether the key is required (hosted) or optional (a local server). */
  keyRequired: boolean;
  /** The default base URL of an OpenAI-compatible server; null for native providers. */
  defaultBaseUrl: string | null;
}

/** Every provider Loki can talk to, and how. */
export const providers = {
  anthropic: { keyVariable: 'ANTHROPIC_API_KEY', keyRequired: true, defaultBaseUrl: null },
  openai: { keyVariable: 'OPENAI_API_KEY', keyRequired: true, defaultBaseUrl: null },
  google: { keyVariable: 'GOOGLE_GENERATIVE_AI_API_KEY', keyRequired: true, defaultBaseUrl: null },
  'openai-compatible': {
    keyVariable: 'OPENAI_COMPATIBLE_API_KEY',
    keyRequired: false,
    defaultBaseUrl: null,
  },
  ollama: { keyVariable: null, keyRequired: false, defaultBaseUrl: 'http://127.0.0.1:11434/v1' },
  lmstudio: { keyVariable: null, keyRequired: false, defaultBaseUrl: 'http://127.0.0.1:1234/v1' },
  vllm: {
    keyVariable: 'VLLM_API_KEY',
    keyRequired: false,
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
  },
  openrouter: {
    keyVariable: 'OPENROUTER_API_KEY',
    keyRequired: true,
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
  },
  scripted: { keyVariable: null, keyRequired: false, defaultBaseUrl: null },
} as const satisfies Record<string, ProviderInfo>;

export type ProviderName = keyof typeof providers;
export const providerNames = Object.keys(providers) as ProviderName[];

/** A model named as `provider/model`, e.g. `anthropic/claude-sonnet-4-5`. */
export interface ModelSpec {
  provider: ProviderName;
  modelId: string;
}

export function isProviderName(name: string): name is ProviderName {
  return Object.hasOwn(providers, name);
}

/**
 * Parses `provider/model`. The model part may itself contain slashes (OpenRouter's
 * `openrouter/anthropic/claude-sonnet-4.5`, a scripted session's file path).
 * `source` names where the value came from, so the error can point there.
 */
export function parseModelSpec(value: string, source: string): ModelSpec {
  const slash = value.indexOf('/');
  const provider = slash === -1 ? value : value.slice(0, slash);
  const modelId = slash === -1 ? '' : value.slice(slash + 1);
  if (!isProviderName(provider)) {
    throw new LokiError({
      code: 'config.unknown-provider',
      category: 'bad-input',
      message:
        `unknown provider "${provider}" in ${source}; expected one of ${providerNames.join(', ')} ` +
        `(written as provider/model, e.g. anthropic/claude-sonnet-4-5 or ollama/qwen2.5-coder)`,
      details: { value, source },
    });
  }
  if (modelId.trim() === '') {
    throw new LokiError({
      code: 'config.missing-model-id',
      category: 'bad-input',
      message: `"${value}" in ${source} names no model; write provider/model, e.g. ${provider}/${exampleModel(provider)}`,
      details: { value, source },
    });
  }
  return { provider, modelId };
}

export function formatModelSpec(spec: ModelSpec): string {
  return `${spec.provider}/${spec.modelId}`;
}

function exampleModel(provider: ProviderName): string {
  const examples: Record<ProviderName, string> = {
    anthropic: 'claude-sonnet-4-5',
    openai: 'gpt-5',
    google: 'gemini-2.5-pro',
    'openai-compatible': 'my-model',
    ollama: 'qwen2.5-coder',
    lmstudio: 'qwen2.5-coder-7b-instruct',
    vllm: 'Qwen/Qwen2.5-Coder-32B-Instruct',
    openrouter: 'anthropic/claude-sonnet-4.5',
    scripted: 'examples/todo-api/scripted-session.json',
  };
  return examples[provider];
}
