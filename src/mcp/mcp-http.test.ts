import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnvironment, createWorkspace, runLoki, startLoki } from '../cli/testing/run-loki.ts';
import { developTiny, writeTinySession } from './mcp-testing.ts';

let stop: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** `loki mcp --http` as a real child process on a free loopback port. */
async function serveHttp(extraEnv: Record<string, string> = {}) {
  const { cwd, home } = createWorkspace();
  const child = startLoki(['mcp', '--http', '--port', '0'], {
    cwd,
    env: cleanEnvironment(home, extraEnv),
  });
  stop = async () => {
    child.kill('SIGTERM');
    return child.result;
  };
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const found = /serving MCP on (http:\S+)/.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.once('close', () => reject(new Error(`loki mcp --http exited: ${stderr}`)));
  });
  return { cwd, url: new URL(url) };
}

describe('loki mcp --http (streamable HTTP, a real child process)', () => {
  it('develops a product with progress streamed back on the call', async () => {
    const { cwd, url } = await serveHttp();
    expect(url.hostname).toBe('127.0.0.1');
    const client = new Client({ name: 'loki-test', version: '1.0.0' });
    const protocolErrors: Error[] = [];
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('loki_develop_product');
      const { result, progress } = await developTiny(client, writeTinySession(cwd));
      expect(result.structuredContent).toMatchObject({ status: 'succeeded' });
      expect(readFileSync(join(cwd, 'product', 'README.md'), 'utf8')).toBe('# Tiny\n');
      const messages = progress.map((update) => update.message ?? '');
      expect(messages[0]).toMatch(/run started/);
      expect(messages).toContainEqual(expect.stringMatching(/task readme done/));
      expect(messages.at(-1)).toMatch(/run succeeded/);
      expect(protocolErrors).toEqual([]);
    } finally {
      await client.close();
    }
  }, 120_000);

  it('asks for the bearer token when one is set, and will not serve off loopback without one', async () => {
    const { url } = await serveHttp({ LOKI_MCP_TOKEN: 'let-me-in' });
    const anonymous = new Client({ name: 'loki-test', version: '1.0.0' });
    await expect(anonymous.connect(new StreamableHTTPClientTransport(url))).rejects.toThrow(
      /401|bearer token/,
    );
    const trusted = new Client({ name: 'loki-test', version: '1.0.0' });
    await trusted.connect(
      new StreamableHTTPClientTransport(url, {
        requestInit: { headers: { authorization: 'Bearer let-me-in' } },
      }),
    );
    expect((await trusted.listTools()).tools).toHaveLength(8);
    await trusted.close();

    const { cwd, home } = createWorkspace();
    const open = await runLoki(['mcp', '--http', '--host', '0.0.0.0', '--port', '0'], {
      cwd,
      env: cleanEnvironment(home),
    });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/set LOKI_MCP_TOKEN/);
  }, 60_000);
});
