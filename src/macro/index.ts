// The macro module's public surface: what other modules may import from `src/macro/`.
export {
  macroSchema,
  macroFormatVersion,
  macroTaskGraphSchema,
  type Macro,
  type MacroExchange,
  type MacroTaskGraph,
  type MacroToolResult,
  type MacroDecision,
} from './macro-schema.ts';
export { hashFiles, treeHashOf, sha256Of, type TreeHashes } from './file-hashes.ts';
export { buildMacro, type BuildMacroOptions } from './build-macro.ts';
export {
  macrosDirOf,
  macroPathIn,
  writeMacroFile,
  readMacroFile,
  listMacroFiles,
} from './macro-file.ts';
export {
  describeDivergence,
  conversationKey,
  conversationsOf,
  placeOfExchange,
  exchangeThatWrote,
  firstFileDivergence,
  type Divergence,
  type ExchangePlace,
} from './divergence.ts';
export { conversationDifference, type ConversationDifference } from './conversation-check.ts';
