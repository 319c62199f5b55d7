import { z } from 'zod';
import { macroPathIn, macrosDirOf, writeMacroFile } from '../../macro/index.ts';
import { exportRunMacro } from '../macros/export-run-macro.ts';
import { rememberMacro } from '../macros/macro-memory.ts';
import type { RunContext } from '../run-context.ts';
import { defineStage } from '../stage.ts';

export const macroRecordingSchema = z.object({
  /** The macro file, in the `macros` folder beside the journal. */
  path: z.string(),
  treeHash: z.string(),
  /** How many files of the product it records. */
  files: z.int(),
});
export type MacroRecording = z.infer<typeof macroRecordingSchema>;

/**
 * Stage 8: the run as a macro, saved beside the journal (to export, share and replay) and into
 * memory as a `loki_macro` (so later runs of similar PRDs see how this one was planned).
 */
export async function recordMacro(context: RunContext): Promise<MacroRecording> {
  const macro = await exportRunMacro({
    journal: context.journal,
    runId: context.runId,
    // The journal is redacted as it is written (keys of the environment and credential shapes);
    // building the macro redacts credential shapes once more.
    secrets: [],
    // The last stage: reached only when every stage before it passed.
    outcome: { status: 'succeeded', stopReason: null },
    clock: context.clock,
  });
  const path = macroPathIn(macrosDirOf(context.journal.path), macro.id);
  writeMacroFile(path, macro);
  await rememberMacro(context.memory, macro);
  return { path, treeHash: macro.treeHash, files: Object.keys(macro.files).length };
}

export const macroRecordingStage = defineStage<MacroRecording>({
  name: 'macro-recording',
  title: 'Macro recording',
  outputSchema: macroRecordingSchema,
  requiresCompleteBuild: true,
  run: (context) => recordMacro(context),
  summarize: (recording) =>
    `${recording.files} files recorded (tree ${recording.treeHash.slice(0, 12)}) in ${recording.path}`,
  store: (state, macro) => ({ ...state, macro }),
});
