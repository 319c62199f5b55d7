import { LokiError } from '../core/index.ts';
import type { ModelCatalog } from './model-catalog.ts';
import { formatModelSpec, providers, type ModelSpec } from './model-spec.ts';
import { resolveBaseUrl } from './provider-access.ts';

const servedLocally = new Set(['ollama', 'lmstudio', 'vllm', 'openai-compatible']);

/**
 * Checks before a run starts that every model in use can be called: hosted providers have a
 * key; local servers answer on their base URL; scripted sessions load. Errors are bad input
 * (exit 2) and say what to do. Hosted APIs are not contacted: that would cost nothing but time.
 */
export async function checkModelAccess(
  catalog: ModelCatalog,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 3_000,
): Promise<void> {
  for (const role of Object.keys(catalog.specs) as (keyof ModelCatalog['specs'])[]) {
    catalog.modelFor(role);
  }
  await Promise.all(
    catalog
      .distinctSpecs()
      .filter((spec) => servedLocally.has(spec.provider))
      .map(async (spec) => {
        const baseUrl = resolveBaseUrl(spec, catalog.settings) ?? '';
        const failure = await probe(baseUrl, fetchImpl, timeoutMs);
        if (failure) throw unreachable(spec, baseUrl, failure, catalog.modelChosenByDefault);
      }),
  );
}

/** Why nothing answers at a base URL, or null when a server does (any HTTP status counts). */
async function probe(baseUrl: string, fetchImpl: typeof fetch, timeoutMs: number) {
  try {
    await fetchImpl(`${baseUrl}/models`, { signal: AbortSignal.timeout(timeoutMs) });
    return null;
  } catch (error) {
    return error;
  }
}

function unreachable(spec: ModelSpec, baseUrl: string, error: unknown, chosenByDefault: boolean) {
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
  const pointAt =
    spec.provider === 'openai-compatible'
      ? 'set its address with --base-url or LOKI_BASE_URL'
      : `set its address with "providers": {"${spec.provider}": {"baseUrl": "…"}} in loki.config.json`;
  const useHosted = `export a provider key (${hostedKeys()}) and pass --model, e.g. --model anthropic/claude-sonnet-4-5`;
  const message = chosenByDefault
    ? `No model is chosen (--model, LOKI_MODEL or "model" in loki.config.json) and no provider key is set, ` +
      `and no Ollama answers at ${baseUrl} (${cause}). To run Loki, ${useHosted}; or start Ollama ` +
      `(ollama serve; ollama pull ${spec.modelId}); or use any OpenAI-compatible server with ` +
      `--model openai-compatible/<model> --base-url <url>.`
    : `No model server answers at ${baseUrl} for ${formatModelSpec(spec)} (${cause}). Start it ` +
      `(${spec.provider === 'ollama' ? `ollama serve; ollama pull ${spec.modelId}` : 'the server that serves this model'}), ` +
      `or ${pointAt}, or ${useHosted}.`;
  return new LokiError({
    code: 'model.unreachable',
    category: 'bad-input',
    message,
    details: { model: formatModelSpec(spec), baseUrl },
    cause: error,
  });
}

function hostedKeys(): string {
  return Object.values(providers)
    .filter((info) => info.keyRequired)
    .map((info) => info.keyVariable)
    .join(', ');
}
