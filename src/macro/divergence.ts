import type { Macro, MacroExchange } from './macro-schema.ts';

/** Where an exchange sits in its conversation: which agent, and how many replies came before. */
export interface ExchangePlace {
  /** The exchange's number in the recorded run; null for a call the run never made. */
  seq: number | null;
  stage: string;
  agent: string;
  role: string;
  /** 0 for the conversation's first call. */
  turn: number;
}

/** The first place a replay left the recorded run. */
export type Divergence =
  | { kind: 'exchange'; exchange: ExchangePlace; reason: string }
  | {
      kind: 'file';
      path: string;
      expected: string | null;
      actual: string | null;
      /** The recorded exchange whose tool call last wrote or edited the file, when one did. */
      exchange: ExchangePlace | null;
    }
  | { kind: 'status'; expected: string; actual: string; reason: string };

/** One sentence naming the divergence, for the terminal. */
export function describeDivergence(divergence: Divergence): string {
  switch (divergence.kind) {
    case 'exchange':
      return `${exchangeName(divergence.exchange)} (${placeOf(divergence.exchange)}): ${divergence.reason}`;
    case 'file': {
      const what =
        divergence.expected === null
          ? 'was not in the recorded run'
          : divergence.actual === null
            ? 'is missing'
            : `differs (sha256 ${divergence.actual.slice(0, 12)}, recorded ${divergence.expected.slice(0, 12)})`;
      const by = divergence.exchange
        ? `; last written by ${exchangeName(divergence.exchange)} (${placeOf(divergence.exchange)})`
        : '';
      return `file ${divergence.path} ${what}${by}`;
    }
    case 'status':
      return `the replay ended ${divergence.actual} where the run ${divergence.expected}: ${divergence.reason}`;
  }
}

function exchangeName(place: ExchangePlace): string {
  return place.seq === null ? 'a new exchange' : `exchange #${place.seq}`;
}

function placeOf(place: ExchangePlace): string {
  return `stage ${place.stage}, agent ${place.agent}, turn ${place.turn}`;
}

/** The key of a conversation: the exchanges of one agent in one stage for one role. */
export function conversationKey(place: { stage: string; agent: string; role: string }): string {
  return `${place.stage}\u0000${place.agent}\u0000${place.role}`;
}

/**
 * The macro's successful exchanges grouped by conversation, in the order they were made: the
 * `n`-th of a conversation answered its `n`-th call. Failed calls were retried or ended the run;
 * they are never served again.
 */
export function conversationsOf(macro: Macro): Map<string, MacroExchange[]> {
  const conversations = new Map<string, MacroExchange[]>();
  for (const exchange of [...macro.exchanges].sort((a, b) => a.seq - b.seq)) {
    if (exchange.error !== null || exchange.response === null) continue;
    const key = conversationKey(exchange);
    conversations.set(key, [...(conversations.get(key) ?? []), exchange]);
  }
  return conversations;
}

/** The place of the `turn`-th exchange of a conversation. */
export function placeOfExchange(exchange: MacroExchange, turn: number): ExchangePlace {
  const { seq, stage, agent, role } = exchange;
  return { seq, stage, agent, role, turn };
}

/**
 * The last recorded exchange whose tool calls wrote or edited `path`, so a file that differs
 * points at the reply that made it.
 */
export function exchangeThatWrote(macro: Macro, path: string): ExchangePlace | null {
  let found: ExchangePlace | null = null;
  for (const exchanges of conversationsOf(macro).values()) {
    exchanges.forEach((exchange, turn) => {
      const calls = (exchange.response as { toolCalls?: unknown } | null)?.toolCalls;
      if (!Array.isArray(calls)) return;
      const writes = calls.some((call: { input?: unknown }) => inputPath(call.input) === path);
      if (writes && (found === null || exchange.seq > (found.seq ?? -1)))
        found = placeOfExchange(exchange, turn);
    });
  }
  return found;
}

function inputPath(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  try {
    const path = (JSON.parse(input) as { path?: unknown }).path;
    return typeof path === 'string' ? path.replace(/^\.\//, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first file, in path order, that the replay did not produce as recorded: missing, extra,
 * or with other content. Null when the trees are the same.
 */
export function firstFileDivergence(
  macro: Macro,
  actual: Readonly<Record<string, string>>,
): Divergence | null {
  const paths = [...new Set([...Object.keys(macro.files), ...Object.keys(actual)])].sort();
  for (const path of paths) {
    const expected = macro.files[path] ?? null;
    const produced = actual[path] ?? null;
    if (expected !== produced) {
      return {
        kind: 'file',
        path,
        expected,
        actual: produced,
        exchange: exchangeThatWrote(macro, path),
      };
    }
  }
  return null;
}
