import { stripVTControlCharacters } from 'node:util';

/**
 * Units as people read them in a terminal: durations, dollars and token counts.
 * One place, so the live view, the plain log and the summary block never disagree.
 */

/** `420ms`, `4.2s`, `3m 07s`, `1h 02m`: precise when short, coarse when long. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 3600) {
    return `${Math.floor(totalSeconds / 60)}m ${pad2(totalSeconds % 60)}s`;
  }
  const totalMinutes = Math.floor(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)}h ${pad2(totalMinutes % 60)}m`;
}

/**
 * `$0.00`, `$0.0042`, `$1.23`: model calls cost fractions of a cent, so amounts under a
 * dollar keep four decimals; larger amounts are budgets and read best in cents.
 */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00';
  return `$${usd.toFixed(Math.abs(usd) < 1 ? 4 : 2)}`;
}

/** `845`, `12.3k`, `1.24M`: short enough for a footer that redraws ten times a second. */
export function formatTokensShort(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  if (tokens < 1_000_000) return `${(tokens / 1000).toFixed(1)}k`;
  return `${(tokens / 1_000_000).toFixed(2)}M`;
}

/** `12,345`: exact, for the summary a person may copy into a report. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** Pads every column but the last to its widest cell, so rows line up without a table library. */
export function alignColumns(rows: readonly (readonly string[])[], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, visibleLength(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) =>
        index === row.length - 1
          ? cell
          : cell + ' '.repeat((widths[index] ?? 0) - visibleLength(cell)),
      )
      .join(gap)
      .trimEnd(),
  );
}

function visibleLength(text: string): number {
  return [...stripVTControlCharacters(text)].length;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
