import { z } from 'zod';

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const durationPattern = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;

/** A duration written as `3h`, `90m`, `1h30m`, `45s` or `500ms`; parses to milliseconds. */
export const durationSchema = z
  .string()
  .regex(durationPattern, { message: 'expected a duration like 3h, 90m, 1h30m or 45s' })
  .transform((text) => {
    let total = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
      total += Number(amount) * unitMs[unit as keyof typeof unitMs];
    }
    return Math.round(total);
  });

/** `3h 0m 5s`-style text for a duration in milliseconds. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1_000);
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h${minutes > 0 ? `${minutes}m` : ''}`;
  if (minutes > 0) return `${minutes}m${rest > 0 ? `${rest}s` : ''}`;
  return `${rest}s`;
}
