import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { parseModelSpec } from './model-spec.ts';

describe('parseModelSpec', () => {
  it('splits provider from model, keeping slashes inside the model id', () => {
    expect(parseModelSpec('anthropic/claude-sonnet-4-5', 'x')).toEqual({
      provider: 'anthropic',
      modelId: 'claude-sonnet-4-5',
    });
    expect(parseModelSpec('openrouter/anthropic/claude-sonnet-4.5', 'x').modelId).toBe(
      'anthropic/claude-sonnet-4.5',
    );
  });

  it('names the source, the bad provider and the valid ones', () => {
    try {
      parseModelSpec('opena/gpt-5', 'LOKI_MODEL');
      expect.unreachable();
    } catch (error) {
      expect(LokiError.isInstance(error) && error.category).toBe('bad-input');
      expect((error as Error).message).toMatch(
        /^unknown provider "opena" in LOKI_MODEL; expected one of anthropic, openai, google, openai-compatible, ollama/,
      );
    }
  });

  it('refuses a provider without a model', () => {
    expect(() => parseModelSpec('ollama', '--model')).toThrow(
      /names no model; write provider\/model, e.g. ollama\/qwen2.5-coder/,
    );
  });
});
