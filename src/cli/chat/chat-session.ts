import { createInterface } from 'node:readline';
import { errorMessage } from '../../core/index.ts';
import { statusLine, type RunEvent, type RunSummary } from '../../events/index.ts';

/** The modes a chat can be in: plain chat, or Loki taking the next message as a PRD. */
export const chatModes = {
  chat: 'plain chat; nothing is run (the default)',
  loki: 'Loki: your next message is taken as a PRD and built',
} as const;
type ChatMode = keyof typeof chatModes;

const help = [
  '!mode            list the modes',
  '!mode loki       take the next message as a PRD and build it',
  '!mode chat       back to plain chat',
  '!status          where the current run stands',
  '!help            this list',
  '!quit            leave (a run still working is stopped, resumable)',
  'A message of several lines goes between two lines of """.',
].join('\n');

/** Starts a run of a PRD; events go to `sink`. */
export type RunPrd = (
  text: string,
  sink: (event: RunEvent) => void,
  signal: AbortSignal,
) => Promise<RunSummary>;

interface CurrentRun {
  runId: string | undefined;
  lastLine: string | undefined;
  startedAt: number;
  done: Promise<void>;
  abort: AbortController;
}

/**
 * The chat REPL: reads messages line by line (a terminal or a pipe), answers `!` commands and,
 * in Loki mode, runs the next message as a PRD while the chat goes on, writing each status
 * line of the run into the chat as it happens. Resolves when input ends and no run is working.
 */
export async function runChatSession(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
  runPrd: RunPrd,
): Promise<void> {
  const say = (text: string): void => {
    output.write(`${text.replace(/^/gm, 'loki> ')}\n`);
  };
  let mode: ChatMode = 'chat';
  let current: CurrentRun | undefined;
  let last: RunSummary | undefined;
  let block: string[] | undefined;
  const lines = createInterface({ input, terminal: false });
  say('Loki chat. Type !help for commands, !mode loki to build a product from a PRD.');

  const startRun = (text: string) => {
    const abort = new AbortController();
    const run: CurrentRun = {
      runId: undefined,
      lastLine: undefined,
      startedAt: Date.now(),
      abort,
      done: Promise.resolve(),
    };
    const sink = (event: RunEvent) => {
      run.runId = event.runId;
      const line = statusLine(event);
      if (line === undefined) return;
      run.lastLine = line;
      say(line);
    };
    run.done = runPrd(text, sink, abort.signal)
      .then(
        (summary) => {
          last = summary;
        },
        (error: unknown) => say(`the run could not start: ${errorMessage(error)}`),
      )
      .finally(() => {
        current = undefined;
      });
    current = run;
  };

  const command = (line: string): 'quit' | void => {
    const [name, argument] = line.slice(1).trim().split(/\s+/, 2);
    switch (name) {
      case 'mode':
        if (!argument) {
          return say(
            Object.entries(chatModes)
              .map(([modeName, text]) => `${modeName === mode ? '*' : ' '} ${modeName}  ${text}`)
              .join('\n'),
          );
        }
        if (!(argument in chatModes))
          return say(
            `there is no mode "${argument}"; the modes are ${Object.keys(chatModes).join(', ')}`,
          );
        mode = argument as ChatMode;
        return say(
          mode === 'loki'
            ? 'Loki mode: your next message is taken as a PRD (Markdown; several lines go between """ lines).'
            : 'Chat mode.',
        );
      case 'status':
        if (current) {
          const seconds = Math.round((Date.now() - current.startedAt) / 1000);
          return say(
            `run ${current.runId ?? '(starting)'} working for ${seconds}s; latest: ${current.lastLine ?? 'none yet'}`,
          );
        }
        return say(
          last
            ? `no run is working; the last one, ${last.runId}, ${last.status}${last.stopReason ? ` (${last.stopReason})` : ''}: ${last.outDir}`
            : 'no run yet; !mode loki, then send a PRD',
        );
      case 'help':
        return say(help);
      case 'quit':
        return 'quit';
      default:
        return say(`there is no command !${name ?? ''}; type !help for the list`);
    }
  };

  const message = (text: string) => {
    if (mode !== 'loki')
      return say(
        '(plain chat runs nothing; type !mode loki to build a product from your next message)',
      );
    if (current)
      return say(`run ${current.runId ?? ''} is still working; wait for it, or !quit to stop it`);
    mode = 'chat';
    say('Taking that as the PRD; starting a run (back in chat mode).');
    startRun(text);
  };

  for await (const line of lines) {
    if (block !== undefined) {
      if (line.trim() === '"""') {
        message(block.join('\n'));
        block = undefined;
      } else block.push(line);
      continue;
    }
    if (line.trim() === '"""') block = [];
    else if (line.trim() === '') continue;
    else if (line.startsWith('!')) {
      if (command(line) === 'quit') {
        current?.abort.abort();
        break;
      }
    } else message(line);
  }
  lines.close();
  await current?.done;
  say('bye');
}
