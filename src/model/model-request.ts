import type {
  JSONSchema7,
  LanguageModelV4CallOptions,
  LanguageModelV4Message,
} from '@ai-sdk/provider';
import { stableHash } from '../core/index.ts';
import { withCallContext } from './call-context.ts';
import type { ModelRole } from './model-role.ts';

/** A tool a model may call; Loki runs the tools itself, one model call per step. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: JSONSchema7;
}

/** One request to a model, in the AI SDK's provider-neutral message format. */
export interface ModelRequest {
  role: ModelRole;
  /** The stage and agent making the call: journaled, shown, and used to match scripted replies. */
  stage: string;
  agent: string;
  system?: string;
  messages: Exclude<LanguageModelV4Message, { role: 'system' }>[];
  tools?: ToolDefinition[];
  toolChoice?: 'auto' | 'required' | 'none';
  responseFormat?: { type: 'json'; schema: JSONSchema7; name: string };
  maxOutputTokens?: number;
  temperature?: number;
}

/** The provider call options of a request. */
export function callOptionsOf(request: ModelRequest): LanguageModelV4CallOptions {
  return {
    prompt: [
      ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
      ...request.messages,
    ],
    tools: request.tools?.map((tool) => ({ type: 'function' as const, ...tool })),
    toolChoice: request.toolChoice && { type: request.toolChoice },
    responseFormat: request.responseFormat,
    maxOutputTokens: request.maxOutputTokens,
    temperature: request.temperature,
    providerOptions: withCallContext(request),
  };
}

/**
 * The identity of a request: equal requests to the same model hash equally, so a resumed
 * run finds the answer it already paid for.
 */
export function requestHashOf(model: string, request: ModelRequest): string {
  return stableHash({ model, ...request });
}
