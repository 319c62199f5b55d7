import type { NormalReply } from './script.ts';

/** What every body and chunk of one response repeats: its id, time and model. */
export interface CompletionIdentity {
  id: string;
  /** Seconds since the epoch, as OpenAI sends it. */
  created: number;
  model: string;
}

/** Token counts as OpenAI sends them. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** One tool call as OpenAI sends it in a non-streaming message. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The finish reason a reply is sent with: given, else `tool_calls` when it calls tools. */
export function finishReasonOf(reply: NormalReply): string {
  return reply.finishReason ?? (reply.toolCalls?.length ? 'tool_calls' : 'stop');
}

/** The reply's tool calls as OpenAI sends them, ids made up from the reply's position. */
export function toolCallsOf(reply: NormalReply, replyIndex: number): WireToolCall[] {
  return (reply.toolCalls ?? []).map((call, position) => ({
    id: call.id ?? `call_${replyIndex}_${position}`,
    type: 'function',
    function: {
      name: call.name,
      arguments:
        typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

/** Token counts: the scripted ones, else a rough four characters a token. */
export function usageOf(reply: NormalReply, promptText: string, replyIndex: number): WireUsage {
  const completionText =
    (reply.text ?? '') +
    toolCallsOf(reply, replyIndex)
      .map((call) => call.function.arguments)
      .join('');
  const promptTokens = reply.usage?.promptTokens ?? Math.ceil(promptText.length / 4);
  const completionTokens = reply.usage?.completionTokens ?? Math.ceil(completionText.length / 4);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** The body of a non-streaming `chat.completion` response. */
export function completionBody(
  identity: CompletionIdentity,
  reply: NormalReply,
  toolCalls: WireToolCall[],
  usage: WireUsage,
) {
  return {
    ...headOf(identity, 'chat.completion'),
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReasonOf(reply),
      },
    ],
    usage,
    system_fingerprint: null,
  };
}

/** One `chat.completion.chunk` of a stream; `usage: null` on every chunk when usage is asked for. */
export function chunkBody(
  identity: CompletionIdentity,
  delta: Record<string, unknown>,
  finishReason: string | null,
  includeUsage: boolean,
) {
  return {
    ...headOf(identity, 'chat.completion.chunk'),
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  };
}

/** The last chunk of a stream that asked for `stream_options.include_usage`: no choices. */
export function usageChunkBody(identity: CompletionIdentity, usage: WireUsage) {
  return {
    ...headOf(identity, 'chat.completion.chunk'),
    system_fingerprint: null,
    choices: [],
    usage,
  };
}

/** The fields every completion body and chunk starts with, in OpenAI's order. */
function headOf(identity: CompletionIdentity, object: string) {
  return { id: identity.id, object, created: identity.created, model: identity.model };
}

/** An OpenAI-style error body, which clients read `error.message` from. */
export function errorBody(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

/** The body of `GET /v1/models`: the one model the server pretends to be. */
export function modelListBody(created: number) {
  return {
    object: 'list',
    data: [{ id: 'test-model', object: 'model', created, owned_by: 'loki-test-server' }],
  };
}

/** Splits text into pieces of at most `size` characters (whole code points), for streaming. */
export function piecesOf(text: string, size: number): string[] {
  const characters = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    pieces.push(characters.slice(start, start + size).join(''));
  }
  return pieces;
}

/** The wire shapes the server writes, for tests that read them back. */
export type CompletionBody = ReturnType<typeof completionBody>;
export type ChunkBody = ReturnType<typeof chunkBody>;
export type ErrorBody = ReturnType<typeof errorBody>;
