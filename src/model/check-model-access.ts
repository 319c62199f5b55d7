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
      .map((spec) =>
        probe(spec, resolveBaseUrl(spec, catalog.settings) ?? '', fetchImpl, timeoutMs),
      ),
  );
}

async function probe(spec: ModelSpec, baseUrl: string, fetchImpl: typeof fetch, timeoutMs: number) {
  try {
    // Any HTTP answer means a server is there; only a failure to connect is fatal here.
    await fetchImpl(`${baseUrl}/models`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    const hint =
      spec.provider === 'ollama'
        ? 'Start Ollama (`ollama serve`, then `ollama pull ' + spec.modelId + '`)'
        : 'Start the model server';
    throw new LokiError({
      code: 'model.unreachable',
      category: 'bad-input',
      message:
        `No model server answers at ${baseUrl} for ${formatModelSpec(spec)} (${cause}). ${hint}, ` +
        `or point Loki at it with LOKI_BASE_URL / "providers": {"${spec.provider}": {"baseUrl": …}}, ` +
        `or use a hosted model by exporting its key (${hostedKeys()}) and passing --model, ` +
        `e.g. --model anthropic/claude-sonnet-4-5.`,
      details: { model: formatModelSpec(spec), baseUrl },
      cause: error,
    });
  }
}

function hostedKeys(): string {
  return Object.values(providers)
    .filter((info) => info.keyRequired)
    .map((info) => info.keyVariable)
    .join(', ');
}
