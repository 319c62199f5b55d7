/**
 * A secret as a report may show it: its first four characters (fewer for a short one, never
 * more than a quarter of it) and its length: `ghp_…(40 chars)`. Enough to find and rotate it,
 * not enough to use it.
 */
export function maskSecret(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}

/** Bits of Shannon entropy per character: about 4 for random hex, 5.5–6 for random base64. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    entropy -= share * Math.log2(share);
  }
  return entropy;
}
