import type { Environment } from './provider-access.ts';

/**
 * The model to use when none is configured: the first hosted provider whose key is present,
 * else a local Ollama model (whose reachability the preflight then checks).
 */
export function chooseDefaultModel(env: Environment): string {
  if (env['ANTHROPIC_API_KEY']) return 'anthropic/claude-sonnet-4-5';
  if (env['OPENAI_API_KEY']) return 'openai/gpt-5';
  if (env['GOOGLE_GENERATIVE_AI_API_KEY']) return 'google/gemini-2.5-pro';
  if (env['OPENROUTER_API_KEY']) return 'openrouter/anthropic/claude-sonnet-4.5';
  return 'ollama/qwen2.5-coder';
}
