export {
  startTestModelServer,
  type TestModelServer,
  type TestModelServerOptions,
} from './test-model-server.ts';
export type { RecordedRequest } from './recorded-request.ts';
export {
  scriptSchema,
  replySchema,
  type Script,
  type Reply,
  type NormalReply,
  type FaultReply,
  type ReplyMatch,
  type ScriptedToolCall,
} from './script.ts';
export { loadScript } from './load-script.ts';
export { truncatedText } from './write-fault.ts';
export { charactersPerChunk } from './completion-chunks.ts';
