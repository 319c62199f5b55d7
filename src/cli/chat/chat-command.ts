import { runChatPrd, type ChatRunOptions } from './chat-run.ts';
import { runChatSession } from './chat-session.ts';

/** `loki chat`: the chat REPL on standard input and output. */
export async function chatCommand(options: ChatRunOptions): Promise<number> {
  await runChatSession(process.stdin, process.stdout, (text, sink, signal) =>
    runChatPrd(text, options, sink, signal),
  );
  return 0;
}
