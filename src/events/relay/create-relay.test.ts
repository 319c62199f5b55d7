import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/index.ts';
import { EventBus } from '../event-bus.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing.ts';
import { createRelay, type RelayOptions } from './create-relay.ts';
import type { RelayTarget } from './relay-target.ts';

const fast = { baseDelayMs: 20, maxDelayMs: 5_000, timeoutMs: 2_000, maxAttempts: 5 };

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function relayWith(targets: RelayTarget[], options: Partial<RelayOptions> = {}) {
  const warnings: string[] = [];
  const relay = createRelay(targets, {
    env: {},
    warn: (message) => warnings.push(message),
    retry: fast,
    ...options,
  });
  const bus = new EventBus('run_relay', systemClock);
  bus.subscribe(relay.sink);
  return { relay, bus, warnings };
}

function emitStages(bus: EventBus, count: number) {
  for (let index = 1; index <= count; index++)
    bus.emit({ type: 'stage-started', stage: `stage-${index}`, title: `Stage ${index}` });
}

describe('the chat relay (a real webhook on loopback)', () => {
  it('posts status events to Slack, Discord and a JSON hook in order, retrying a webhook that fails its first tries', async () => {
    receiver = await startWebhookReceiver({ failFirst: [500, 502] });
    const { relay, bus, warnings } = relayWith([
      { kind: 'slack', url: `${receiver.baseUrl}/slack` },
    ]);
    emitStages(bus, 3);
    bus.emit({
      type: 'model-call-started',
      callId: 'c1',
      stage: 's',
      agent: 'a',
      role: 'coder',
      model: 'm',
    });
    bus.emit({ type: 'warning-raised', message: 'disk almost full' });
    await relay.close();
    expect(receiver.accepted()).toEqual([
      { text: '[run_relay] Stage 1 started' },
      { text: '[run_relay] Stage 2 started' },
      { text: '[run_relay] Stage 3 started' },
      { text: '[run_relay] warning: disk almost full' },
    ]);
    // The two failures were tries of the first post; nothing was skipped or reordered.
    expect(receiver.posts.slice(0, 3).map((post) => [post.status, post.body])).toEqual([
      [500, { text: '[run_relay] Stage 1 started' }],
      [502, { text: '[run_relay] Stage 1 started' }],
      [200, { text: '[run_relay] Stage 1 started' }],
    ]);
    expect(warnings).toEqual([]);
  });

  it('gives Discord {content} and a generic hook the event itself, only the event types asked for', async () => {
    receiver = await startWebhookReceiver();
    const { relay, bus } = relayWith([
      { kind: 'discord', url: `${receiver.baseUrl}/discord` },
      { kind: 'json', url: `${receiver.baseUrl}/json`, events: ['limit-approached'] },
    ]);
    emitStages(bus, 1);
    bus.emit({ type: 'limit-approached', limit: 'budget', used: 8, max: 10 });
    await relay.close();
    const byPath = (path: string) =>
      receiver!.posts.filter((post) => post.path === path).map((post) => post.body);
    expect(byPath('/discord')).toEqual([
      { content: '[run_relay] Stage 1 started' },
      { content: '[run_relay] budget limit approached: 8 of 10' },
    ]);
    expect(byPath('/json')).toEqual([
      expect.objectContaining({ type: 'limit-approached', runId: 'run_relay', used: 8, max: 10 }),
    ]);
  });

  it('waits as long as Retry-After asks before trying again', async () => {
    receiver = await startWebhookReceiver({ failFirst: [429], retryAfter: '1' });
    const { relay, bus } = relayWith([{ kind: 'slack', url: receiver.baseUrl }]);
    emitStages(bus, 1);
    await relay.close();
    const [refused, accepted] = receiver.posts;
    expect(refused?.status).toBe(429);
    expect(accepted?.status).toBe(200);
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(950);
  });

  it('never holds the run up: a slow webhook costs only the oldest posts, with one warning', async () => {
    receiver = await startWebhookReceiver({ delayMs: 300 });
    const { relay, bus, warnings } = relayWith([{ kind: 'slack', url: receiver.baseUrl }], {
      capacity: 5,
    });
    const started = performance.now();
    emitStages(bus, 1000);
    const emitMs = performance.now() - started;
    expect(emitMs).toBeLessThan(250);
    await relay.close();
    const texts = receiver.accepted().map((body) => (body as { text: string }).text);
    // The first post was already on its way; of the rest only the newest five were kept.
    expect(texts).toEqual(
      [1, 996, 997, 998, 999, 1000].map((n) => `[run_relay] Stage ${n} started`),
    );
    expect(warnings).toEqual([
      expect.stringMatching(
        /^relay to slack webhook at 127\.0\.0\.1:\d+: 5 posts waiting, dropping the oldest/,
      ),
    ]);
  });

  it('reports a dead webhook once, does not relay its own warning, and lets go when the run ends', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    receiver = await startWebhookReceiver();
    const warnings: string[] = [];
    const bus = new EventBus('run_relay', systemClock);
    const relay = createRelay(
      [
        { kind: 'json', url: `http://127.0.0.1:${port}/dead` },
        { kind: 'slack', url: receiver.baseUrl },
      ],
      {
        env: {},
        retry: { ...fast, maxAttempts: 2 },
        // As in a run: the relay's warnings go back onto the bus it listens to.
        warn: (message) => {
          warnings.push(message);
          bus.emit({ type: 'warning-raised', message });
        },
      },
    );
    bus.subscribe(relay.sink);
    emitStages(bus, 3);
    await relay.close();
    expect(warnings).toEqual([
      expect.stringMatching(
        /^relay to json webhook at 127\.0\.0\.1:\d+ failed after 2 tries \(fetch failed: connect ECONNREFUSED .*\); a post was dropped/,
      ),
    ]);
    expect(receiver.accepted()).toHaveLength(3);
  });

  it('reads a webhook URL referenced as {env:VAR}, and warns when the variable is unset', async () => {
    receiver = await startWebhookReceiver();
    const { relay, bus, warnings } = relayWith(
      [
        { kind: 'slack', url: '{env:LOKI_TEST_HOOK}' },
        { kind: 'discord', url: '{env:LOKI_UNSET_HOOK}' },
      ],
      { env: { LOKI_TEST_HOOK: `${receiver.baseUrl}/from-env` } },
    );
    emitStages(bus, 1);
    await relay.close();
    expect(receiver.posts.map((post) => post.path)).toEqual(['/from-env']);
    expect(warnings).toEqual([
      'relay: {env:LOKI_UNSET_HOOK} is not set in the environment; its discord webhook gets no posts',
    ]);
  });
});
