import { z } from 'zod';
import { runEventSchema, type RunEventType } from '../run-event.ts';

const eventTypes = runEventSchema.options.map((option) => option.shape.type.value) as [
  RunEventType,
  ...RunEventType[],
];

/** `{env:VAR}`: a URL read from the environment when the relay starts. */
export const envReference = /^\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The chats a webhook can post to, each with the body it expects. */
export const relayKinds = ['slack', 'discord', 'json'] as const;

/**
 * One chat webhook that a run's status is posted to (the `relay` list of the config file).
 * The URL of a Slack or Discord webhook is itself a secret, so it may be referenced from the
 * environment (`{env:SLACK_WEBHOOK_URL}`) instead of written into the file.
 */
export const relayTargetSchema = z.strictObject({
  kind: z
    .enum(relayKinds)
    .describe('slack: posts {text}; discord: posts {content}; json: posts the event itself'),
  url: z
    .string()
    .refine((url) => envReference.test(url) || /^https?:\/\/[^/\s]+/.test(url), {
      error: 'expected an http:// or https:// URL, or {env:VAR} naming the variable that holds it',
    })
    .describe('The webhook URL, or {env:VAR} naming the variable that holds it'),
  events: z
    .array(z.enum(eventTypes))
    .min(1)
    .optional()
    .describe('Event types to post (default: the status events, without model and tool calls)'),
});
export type RelayTarget = z.infer<typeof relayTargetSchema>;
