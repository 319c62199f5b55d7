import type { RunEvent } from '../run-event.ts';
import type { RelayTarget } from './relay-target.ts';
import { statusLine } from './status-line.ts';

/** Discord refuses a message over 2000 characters. */
const discordLimit = 2000;

/**
 * The JSON body a webhook of this kind expects for an event, or `undefined` when a chat
 * would get nothing to say (an event with no status line). A generic hook gets the event as is.
 */
export function webhookBody(kind: RelayTarget['kind'], event: RunEvent): unknown {
  if (kind === 'json') return event;
  const text = statusLine(event);
  if (text === undefined) return undefined;
  if (kind === 'slack') return { text };
  return {
    content: text.length > discordLimit ? `${text.slice(0, discordLimit - 1)}…` : text,
  };
}
