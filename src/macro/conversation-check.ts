import { canonicalJson, createRedactor } from '../core/index.ts';

/**
 * Tools whose results depend on the files alone; `run_command` prints timings and is left out,
 * so only a real difference in the product counts as a divergence.
 */
const commandTools = new Set(['run_command']);

interface Message {
  role: string;
  content: unknown;
}

interface ToolResultPart {
  type: 'tool-result';
  toolName: string;
  output?: { value?: unknown };
}

/** Why a replayed conversation left the recorded one, and at which of its turns. */
export interface ConversationDifference {
  /** The turn whose reply, or whose tools' results, differ. */
  turn: number;
  reason: string;
}

const redactShapes = createRedactor([]);

/**
 * Compares the prompt a replayed call sends with the prompt the recorded run sent at the same
 * turn: the earlier replies must be the ones recorded (else the macro's reply was edited), and
 * the earlier tools must have answered the same (else the product differs already). Instructions
 * and the first message are not compared: they carry what memory offered, which may change.
 */
export function conversationDifference(
  recordedRequest: unknown,
  replayedPrompt: unknown,
): ConversationDifference | null {
  const recorded = messagesOf(recordedRequest);
  // The journal holds requests redacted; the replayed prompt is compared in the same form.
  const replayed = messagesOf({
    prompt: JSON.parse(JSON.stringify(redactShapes(replayedPrompt))) as unknown,
  });
  const recordedRoles = recorded.map((message) => message.role).join(' ');
  const replayedRoles = replayed.map((message) => message.role).join(' ');
  let turn = -1;
  for (let index = 0; index < Math.min(recorded.length, replayed.length); index++) {
    const before = recorded[index]!;
    const now = replayed[index]!;
    if (before.role !== now.role) break;
    if (now.role === 'assistant') {
      turn++;
      if (canonicalJson(before.content) !== canonicalJson(now.content)) {
        return {
          turn,
          reason:
            'its reply is not the one the recorded run continued from: the reply was edited after the run',
        };
      }
    }
    if (now.role === 'tool') {
      const difference = toolResultDifference(before.content, now.content);
      if (difference) return { turn: Math.max(turn, 0), reason: difference };
    }
  }
  if (recordedRoles !== replayedRoles) {
    return {
      turn: Math.max(turn, 0),
      reason: `the conversation took another course (messages ${replayedRoles}; recorded ${recordedRoles})`,
    };
  }
  return null;
}

function messagesOf(request: unknown): Message[] {
  const prompt = (request as { prompt?: unknown } | null)?.prompt;
  if (!Array.isArray(prompt)) return [];
  return prompt.filter(
    (message): message is Message =>
      typeof (message as Message | null)?.role === 'string' &&
      (message as Message).role !== 'system',
  );
}

function toolResultDifference(recorded: unknown, replayed: unknown): string | null {
  const before = toolResultsOf(recorded);
  const now = toolResultsOf(replayed);
  for (let index = 0; index < Math.max(before.length, now.length); index++) {
    const was = before[index];
    const is = now[index];
    if (!was || !is || was.toolName !== is.toolName) {
      return `its tool calls differ (${is?.toolName ?? 'none'} where the run called ${was?.toolName ?? 'none'})`;
    }
    if (commandTools.has(is.toolName)) continue;
    const wasText = canonicalJson(was.output?.value ?? '');
    const isText = canonicalJson(is.output?.value ?? '');
    if (wasText !== isText) {
      return `${is.toolName} answered ${excerpt(isText)} where the run got ${excerpt(wasText)}`;
    }
  }
  return null;
}

function toolResultsOf(content: unknown): ToolResultPart[] {
  if (!Array.isArray(content)) return [];
  return content.filter(
    (part): part is ToolResultPart => (part as ToolResultPart | null)?.type === 'tool-result',
  );
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
