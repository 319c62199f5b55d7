import { once } from 'node:events';
import { openMemoryStore, resolveMemoryLocation } from '../../memory/index.ts';
import { startServer } from '../../server/index.ts';
import { openJournal } from '../open-journal.ts';

export interface ServeCommandOptions {
  port?: number;
  host?: string;
  token?: string;
  journal?: string;
  memory?: string;
}

/** `loki serve`: the HTTP API and dashboard over this journal, until Ctrl-C or SIGTERM. */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  using journal = openJournal(options.journal ?? process.env['LOKI_JOURNAL']);
  await using memory = await openMemoryStore(
    resolveMemoryLocation({ target: options.memory, env: process.env }),
  );
  const token = options.token ?? (process.env['LOKI_SERVE_TOKEN'] || undefined);
  const server = await startServer({
    journal,
    memory,
    host: options.host,
    port: options.port,
    token,
  });
  const open = token === undefined ? `${server.url}/` : `${server.url}/#token=<your token>`;
  process.stderr.write(
    `Loki dashboard on ${open}\njournal ${journal.path}, memory ${memory.location}\nstop with Ctrl-C\n`,
  );
  process.stdout.write(`${server.url}\n`);
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await server.close();
  return 0;
}
