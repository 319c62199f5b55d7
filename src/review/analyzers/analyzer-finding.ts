import type { ReviewFinding } from '../review-finding.ts';

/** A finding as an analyzer makes it; the reviewer stamps the id. */
export type AnalyzerFinding = Omit<ReviewFinding, 'id' | 'source'>;

/** The files an analyzer works on: paths relative to the root, and their text. */
export interface SourceSet {
  root: string;
  /** Relative path (forward slashes) → text. */
  files: ReadonlyMap<string, string>;
}

export const javascriptExtensions = /\.(?:[cm]?[jt]s|[jt]sx)$/;
export const pythonExtension = /\.py$/;
