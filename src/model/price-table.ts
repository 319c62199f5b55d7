import { z } from 'zod';

export const modelPriceSchema = z.object({
  inputPerMillionUsd: z.number().nonnegative().describe('US dollars per million input tokens.'),
  outputPerMillionUsd: z.number().nonnegative().describe('US dollars per million output tokens.'),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/**
 * List prices of well-known hosted models (USD per million tokens), keyed `provider/model`.
 * Prices change: the config's `prices` overrides any of these, and adds models not listed.
 */
export const defaultPrices: Record<string, ModelPrice> = {
  'anthropic/claude-opus-4-5': { inputPerMillionUsd: 5, outputPerMillionUsd: 25 },
  'anthropic/claude-sonnet-4-5': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
  'anthropic/claude-haiku-4-5': { inputPerMillionUsd: 1, outputPerMillionUsd: 5 },
  'openai/gpt-5': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 },
  'openai/gpt-5-mini': { inputPerMillionUsd: 0.25, outputPerMillionUsd: 2 },
  'openai/gpt-5-nano': { inputPerMillionUsd: 0.05, outputPerMillionUsd: 0.4 },
  'openai/gpt-4.1': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 },
  'google/gemini-2.5-pro': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 },
  'google/gemini-2.5-flash': { inputPerMillionUsd: 0.3, outputPerMillionUsd: 2.5 },
};

/** Providers that run on the user's own hardware: their calls cost nothing by default. */
const freeProviders = new Set(['ollama', 'lmstudio', 'vllm', 'scripted']);

/**
 * The price of a model, or `null` when unknown, in which case its spend cannot be counted
 * against a budget (the caller says so once, rather than pretending it is free).
 */
export function findPrice(model: string, overrides: Record<string, ModelPrice>): ModelPrice | null {
  const price = overrides[model] ?? defaultPrices[model];
  if (price) return price;
  const provider = model.slice(0, model.indexOf('/'));
  return freeProviders.has(provider) ? { inputPerMillionUsd: 0, outputPerMillionUsd: 0 } : null;
}

export function costOf(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMillionUsd + outputTokens * price.outputPerMillionUsd) / 1e6;
}
