import { z } from 'zod';
import { monitorPolicySchema } from './monitor-policy.ts';

/** Starts a release as staging on a free port. */
export const startRequestSchema = z.object({
  version: z.int().positive(),
  directory: z.string(),
  command: z.string(),
  portEnvVar: z.string(),
  /** Added to the scrubbed environment (the project's environment file). */
  env: z.record(z.string(), z.string()),
  logFile: z.string(),
  /** The path its monitor probes once it is live (`/` when the path answers 404). */
  healthPath: z.string().optional(),
});
export type StartRequest = z.infer<typeof startRequestSchema>;

/** Switches the stable port to `version`; once the old one drained, stops all but `keep`. */
export const promoteRequestSchema = z.object({
  version: z.int().positive(),
  keep: z.array(z.int().positive()),
  /** How the live release is watched from now on; the supervisor's defaults when absent. */
  monitor: monitorPolicySchema.optional(),
});
export type PromoteRequest = z.infer<typeof promoteRequestSchema>;

/** Stops a release that never went live (its health check failed), marking it failed. */
export const discardRequestSchema = z.object({
  version: z.int().positive(),
  reason: z.string(),
});
export type DiscardRequest = z.infer<typeof discardRequestSchema>;

export const controlActions = ['status', 'start', 'promote', 'discard', 'stop'] as const;
export type ControlAction = (typeof controlActions)[number];

/** Every answer: the result, or an error a LokiError is rebuilt from. */
export const controlReplySchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), category: z.string() }),
  }),
]);
export type ControlReply = z.infer<typeof controlReplySchema>;
