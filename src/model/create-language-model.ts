import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogle } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { LokiError, parseJson } from '../core/index.ts';
import type { ModelSpec } from './model-spec.ts';
import type { ModelSettings } from './model-settings.ts';
import {
  providerSettingsOf,
  resolveApiKey,
  resolveBaseUrl,
  type Environment,
} from './provider-access.ts';
import { ScriptedModel } from './scripted-model.ts';
import { scriptedSessionSchema, type ScriptedSession } from './scripted-session.ts';

/** Builds the AI SDK language model a spec names. Throws bad-input errors for what is missing. */
export function createLanguageModel(
  spec: ModelSpec,
  settings: ModelSettings,
  env: Environment,
): LanguageModelV4 {
  const apiKey = resolveApiKey(spec, settings, env);
  const baseURL = resolveBaseUrl(spec, settings);
  switch (spec.provider) {
    case 'anthropic':
      return createAnthropic({ apiKey, baseURL })(spec.modelId);
    case 'openai':
      return createOpenAI({ apiKey, baseURL })(spec.modelId);
    case 'google':
      return createGoogle({ apiKey, baseURL })(spec.modelId);
    case 'scripted':
      return new ScriptedModel(spec.modelId, loadScriptedSession(spec.modelId));
    case 'openai-compatible':
    case 'ollama':
    case 'lmstudio':
    case 'vllm':
    case 'openrouter':
      return createOpenAICompatible({
        name: spec.provider,
        baseURL: baseURL ?? '',
        apiKey,
        includeUsage: true,
        // Without this the JSON schema reaches the model nowhere (JSON mode only).
        supportsStructuredOutputs: providerSettingsOf(spec, settings).structuredOutputs ?? true,
      }).chatModel(spec.modelId);
  }
}

/** Reads and validates a scripted session file; the path is relative to the working directory. */
export function loadScriptedSession(path: string): ScriptedSession {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw new LokiError({
      code: 'model.script-unreadable',
      category: 'bad-input',
      message: `cannot read the scripted model session "${path}": ${(error as Error).message}. Give scripted/<path to a session .json file>.`,
      details: { path },
      cause: error,
    });
  }
  const parsed = parseJson(text, scriptedSessionSchema);
  if (!parsed.success) {
    throw new LokiError({
      code: 'model.script-invalid',
      category: 'bad-input',
      message: `the scripted model session "${path}" is not valid:\n${parsed.error}`,
      details: { path },
    });
  }
  return parsed.value;
}
