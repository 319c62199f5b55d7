/** The deployment URL `vercel deploy` prints: stdout is always the URL, on its last line. */
export function deploymentUrl(stdout: string): string | null {
  const lines = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^https?:\/\/\S+$/.test(line));
  return lines.at(-1) ?? null;
}

/** The aliases `vercel inspect` lists (production domains once promoted), in order. */
export function inspectAliases(output: string): string[] {
  const section =
    /^\s*Aliases\s*$([\s\S]*?)(?=^\s*[A-Z][a-z]+\s*$|(?![\s\S]))/m.exec(output)?.[1] ?? '';
  return [...section.matchAll(/https?:\/\/[^\s]+/g)].map((match) => match[0]);
}

/** The deployment's state from `vercel inspect` (`Ready`, `Error`, `Building`…), or null. */
export function inspectStatus(output: string): string | null {
  return /^\s*status\s+(?:●\s*)?(\w+)/im.exec(output)?.[1] ?? null;
}
