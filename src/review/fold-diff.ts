import type { ReviewMaterial } from './relevant-files.ts';

/**
 * Folds into the listing of a changed file shown whole the diff of that file when the diff
 * only adds lines: the added lines are marked in the listing, and the file's diff section is
 * dropped, so the same code is not sent twice. A change that removes lines keeps its diff.
 */
export function foldPureAdditions(material: ReviewMaterial): ReviewMaterial {
  if (material.diff === '') return material;
  const sections = material.diff.split(/^(?=diff --git )/m);
  const kept: string[] = [];
  const marks = new Map<string, number[]>();
  const shownWhole = new Set(
    material.files
      .filter((file) => file.content !== null && !file.outline)
      .map((file) => file.path),
  );
  for (const section of sections) {
    const path = /^diff --git a\/(.+?) b\//.exec(section)?.[1];
    const added = path !== undefined && shownWhole.has(path) ? addedLines(section) : null;
    if (added === null) kept.push(section);
    else marks.set(path!, added);
  }
  return {
    ...material,
    diff: kept.join(''),
    files: material.files.map((file) =>
      marks.has(file.path) ? { ...file, addedLines: marks.get(file.path)! } : file,
    ),
  };
}

/** The new-side numbers of the lines a diff section adds, or null when it also removes some. */
function addedLines(section: string): number[] | null {
  const added: number[] = [];
  let line = 0;
  for (const text of section.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
      continue;
    }
    if (line === 0) continue;
    if (text.startsWith('-')) return null;
    if (text.startsWith('+')) added.push(line++);
    else if (text.startsWith(' ')) line++;
  }
  return added;
}
