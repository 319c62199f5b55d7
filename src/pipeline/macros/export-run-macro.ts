import type { Clock } from '../../core/index.ts';
import type { Journal } from '../../journal/index.ts';
import { buildMacro, type Macro } from '../../macro/index.ts';
import { productTree } from './product-tree.ts';

export interface ExportRunMacroOptions {
  journal: Journal;
  runId: string;
  /** Values that must never appear in the macro (keys from the environment). */
  secrets: readonly string[];
  /** The outcome to record for a run still running (the macro-recording stage). */
  outcome?: { status: string; stopReason: string | null };
  clock?: Clock;
}

/** A run of the journal as a macro, with the hashes of its product's files as they are now. */
export async function exportRunMacro(options: ExportRunMacroOptions): Promise<Macro> {
  const run = options.journal.getRun(options.runId);
  const tree = run ? await productTree(run.outDir) : { files: {}, treeHash: '' };
  return buildMacro({ ...options, tree });
}
