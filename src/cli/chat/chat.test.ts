import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../events/testing.ts';
import { writeTinySession } from '../../mcp/mcp-testing.ts';
import { cleanEnvironment, createWorkspace, runLoki } from '../testing/run-loki.ts';

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const chatInput = [
  '!mode',
  'hello',
  '!mode loki',
  '"""',
  '# Tiny',
  '',
  'A README that says what the product is.',
  '"""',
  '!status',
  '',
].join('\n');

describe('loki chat (a real child process, input piped)', () => {
  it('!mode loki takes the next message as a PRD, streams the run into the chat, and relays it to the webhooks in order', async () => {
    receiver = await startWebhookReceiver({ failFirst: [503] });
    const { cwd, home } = createWorkspace();
    const session = writeTinySession(cwd);
    writeFileSync(
      join(cwd, 'loki.config.json'),
      JSON.stringify({
        relay: [
          { kind: 'slack', url: `${receiver.baseUrl}/slack` },
          { kind: 'json', url: '{env:LOKI_TEST_HOOK}', events: ['run-started', 'run-finished'] },
        ],
      }),
    );
    const result = await runLoki(['chat', '--model', `scripted/${session}`], {
      cwd,
      env: cleanEnvironment(home, { LOKI_TEST_HOOK: `${receiver.baseUrl}/json` }),
      input: chatInput,
    });
    expect(result.code).toBe(0);
    const chat = result.stdout.split('\n').map((line) => line.replace(/^loki> /, ''));
    expect(chat).toContain('* chat  plain chat; nothing is run (the default)');
    expect(chat).toContainEqual(expect.stringMatching(/^\(plain chat runs nothing/));
    expect(chat).toContainEqual(
      expect.stringMatching(/^Loki mode: your next message is taken as a PRD/),
    );
    expect(chat).toContainEqual(expect.stringMatching(/^run \(starting\) working for \d+s/));
    const status = chat.filter((line) => line.startsWith('[run_'));
    expect(status[0]).toMatch(/run started: 9 stages, output in .*loki-out\/tiny$/);
    expect(status).toContainEqual(
      expect.stringMatching(/Decomposition done in .*: 1 tasks planned/),
    );
    expect(status).toContainEqual(expect.stringMatching(/task readme done: README.md written/));
    expect(status.at(-1)).toMatch(/run succeeded in .*, 2 model calls/);

    // The Slack hook got exactly the chat's status lines, in order, its first post retried.
    const slack = receiver.posts.filter((post) => post.path === '/slack');
    expect(slack[0]).toMatchObject({ status: 503, body: { text: status[0] } });
    expect(slack.filter((post) => post.status === 200).map((post) => post.body)).toEqual(
      status.map((text) => ({ text })),
    );
    const json = receiver.posts.filter((post) => post.path === '/json').map((post) => post.body);
    expect(json).toEqual([
      expect.objectContaining({ type: 'run-started' }),
      expect.objectContaining({
        type: 'run-finished',
        summary: expect.objectContaining({ status: 'succeeded' }),
      }),
    ]);
    expect(chat.at(-2)).toBe('bye');
  }, 120_000);

  it('says what is wrong with an unknown mode or command, and runs nothing', async () => {
    const { cwd, home } = createWorkspace();
    const result = await runLoki(['chat'], {
      cwd,
      env: cleanEnvironment(home),
      input: '!mode lokki\n!frobnicate\n!help\n!quit\n# Never run\n',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('there is no mode "lokki"; the modes are chat, loki');
    expect(result.stdout).toContain('there is no command !frobnicate; type !help for the list');
    expect(result.stdout).toContain('!mode loki       take the next message as a PRD');
    expect(result.stdout).not.toContain('[run_');
  }, 60_000);
});
