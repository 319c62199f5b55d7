import { formatDuration } from '../config/index.ts';

export const describeDuration = formatDuration;

/** Dollars with enough digits to see small spends: $0.0042, $1.25. */
export function describeUsd(usd: number): string {
  return usd >= 1 || usd === 0 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(4)}`;
}

export function describeTokens(count: number): string {
  return count >= 10_000 ? `${(count / 1000).toFixed(1)}k` : String(count);
}
