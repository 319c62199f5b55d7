/** How many failures a report carries: enough to fix from, small enough for a prompt. */
export const maxFailures = 20;

/** How many lint problems a report carries. */
export const maxLintProblems = 100;

/** Output we compose ourselves (lint lines) is capped like the runner caps command output. */
export const maxOutputChars = 64 * 1024;

// Built from a string: a regular expression literal may not hold the ESC control character.
const ansiPattern = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Removes terminal colour codes, which some tools print even when told not to. */
export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '');
}

/** Keeps the head and the tail of a long text, with a marker saying how much was cut. */
export function capText(text: string, maxChars: number = maxOutputChars): string {
  if (text.length <= maxChars) return text;
  const half = Math.floor(maxChars / 2);
  const cut = text.length - 2 * half;
  return `${text.slice(0, half)}\n… [${cut} characters cut] …\n${text.slice(-half)}`;
}

/**
 * A failure message short enough to show an agent: runner-internal stack frames (node_modules,
 * node:internal, the Python standard library) dropped, at most `maxLines` lines kept.
 */
export function trimFailureMessage(message: string, maxLines = 30): string {
  const lines = stripAnsi(message)
    .split('\n')
    .filter((line) => !/^\s*at .*(node_modules|node:internal|<anonymous>)/.test(line));
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept.push(`… (${lines.length - maxLines} more lines)`);
  return capText(kept.join('\n').trim(), 4000);
}
