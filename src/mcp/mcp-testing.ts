import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { readmeAgentReply, tinyGraph } from '../cli/testing/run-loki.ts';

/** A scripted session of two replies (a one-task plan, an agent writing README.md): a run in seconds. */
export function writeTinySession(cwd: string): string {
  const session = join(cwd, 'session.json');
  writeFileSync(
    session,
    JSON.stringify({
      replies: [
        { match: { stage: 'decomposition' }, object: tinyGraph },
        {
          match: { agent: 'task:readme' },
          toolCalls: readmeAgentReply.toolCalls.map(({ name, arguments: input }) => ({
            name,
            input,
          })),
        },
      ],
    }),
  );
  return session;
}

/** Calls `loki_develop_product` on the tiny session, collecting the progress it reports. */
export async function developTiny(client: Client, session: string) {
  const progress: Progress[] = [];
  const result = await client.callTool(
    {
      name: 'loki_develop_product',
      arguments: {
        prd: '# Tiny\n\nA README that says what the product is.\n',
        options: { model: `scripted/${session}`, out: 'product', concurrency: 2 },
      },
    },
    undefined,
    { onprogress: (update) => progress.push(update), timeout: 120_000 },
  );
  return { result, progress };
}
