import { fileOutline } from './file-outline.ts';
import { foldPureAdditions } from './fold-diff.ts';
import type { ReviewScope } from './review-scope.ts';

/** About four characters a token: the estimate the budget is kept with. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** One file as a reviewer is shown it. */
export interface ShownFile {
  path: string;
  /** Why it is shown: changed, an analyzer found something in it, or a changed file imports it. */
  reason: 'changed' | 'finding' | 'import';
  /** Full text, an outline of an imported file, or null when the diff already shows all of it. */
  content: string | null;
  outline: boolean;
  /** Lines the change added, marked in the listing (their diff section is then left out). */
  addedLines?: number[];
}

/** What one reviewer reads: the diff (perhaps cut), and the relevant files within the budget. */
export interface ReviewMaterial {
  diff: string;
  files: ShownFile[];
  /** Relevant files left out because the budget was spent. */
  omitted: string[];
}

/**
 * Chooses what a reviewer reads, not the whole codebase: the diff; then the changed files and
 * the files its analyzers found something in (in full, unless the diff shows them whole);
 * then the outlines of the files those import directly — until `tokenBudget` is spent.
 */
export function selectMaterial(
  scope: ReviewScope,
  findingFiles: readonly string[],
  imports: ReadonlyMap<string, readonly string[]>,
  tokenBudget: number,
): ReviewMaterial {
  let left = tokenBudget;
  let diff = scope.diff;
  if (estimateTokens(diff) > left / 2) {
    diff = `${diff.slice(0, left * 2)}\n… (diff cut to the review budget)`;
  }
  left -= estimateTokens(diff);
  const withFindings = new Set(findingFiles);
  const primary = [
    ...scope.changedFiles.filter((file) => withFindings.has(file)),
    ...scope.changedFiles.filter((file) => !withFindings.has(file)),
    ...findingFiles.filter((file) => !scope.changedFiles.includes(file)),
  ];
  const ordered = [...new Set(primary)];
  const chosen = new Set(ordered);
  const imported = [...new Set(ordered.flatMap((file) => imports.get(file) ?? []))].filter(
    (file) => !chosen.has(file) && scope.texts.has(file),
  );
  const files: ShownFile[] = [];
  const omitted: string[] = [];
  const added = new Set(scope.addedFiles);
  for (const path of ordered) {
    const text = scope.texts.get(path);
    if (text === undefined) continue;
    const content = added.has(path) && diff === scope.diff ? null : text;
    const cost = estimateTokens(content ?? '') + 10;
    if (cost > left) {
      omitted.push(path);
      continue;
    }
    left -= cost;
    files.push({
      path,
      reason: scope.changedFiles.includes(path) ? 'changed' : 'finding',
      content,
      outline: false,
    });
  }
  for (const path of imported) {
    const content = fileOutline(path, scope.texts.get(path)!);
    const cost = estimateTokens(content) + 10;
    if (cost > left) {
      omitted.push(path);
      continue;
    }
    left -= cost;
    files.push({ path, reason: 'import', content, outline: true });
  }
  return foldPureAdditions({ diff, files, omitted });
}
