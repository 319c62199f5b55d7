import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { loadConfig } from './load-config.ts';

function dirs() {
  const root = mkdtempSync(join(tmpdir(), 'loki-config-'));
  const cwd = join(root, 'project');
  const homeDir = join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(join(homeDir, '.loki'), { recursive: true });
  return { cwd, homeDir };
}

async function loadError(promise: Promise<unknown>): Promise<LokiError> {
  try {
    await promise;
  } catch (error) {
    if (LokiError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('loadConfig', () => {
  it('applies defaults when nothing is configured', async () => {
    const { config, sources } = await loadConfig({ ...dirs(), env: {} });
    expect(config).toMatchObject({
      concurrency: 10,
      maxTime: 3 * 3_600_000,
      roles: {},
      call: { maxRetries: 5, stream: true },
    });
    expect(sources).toEqual([]);
  });

  it('layers user file, project file, environment and flags, later winning, maps merged by key', async () => {
    const { cwd, homeDir } = dirs();
    writeFileSync(
      join(homeDir, '.loki', 'config.json'),
      JSON.stringify({
        model: 'openai/gpt-5',
        roles: { coder: 'openai/gpt-5-mini' },
        concurrency: 3,
        budgetUsd: 5,
      }),
    );
    writeFileSync(
      join(cwd, 'loki.config.json'),
      JSON.stringify({ roles: { reviewer: 'anthropic/claude-haiku-4-5' }, maxTime: '90m' }),
    );
    const { config, input, sources } = await loadConfig({
      cwd,
      homeDir,
      env: { LOKI_MODEL: 'anthropic/claude-sonnet-4-5', LOKI_CONCURRENCY: '4' },
      flags: { concurrency: 6, budgetUsd: undefined },
    });
    expect(config).toMatchObject({
      model: 'anthropic/claude-sonnet-4-5',
      roles: { coder: 'openai/gpt-5-mini', reviewer: 'anthropic/claude-haiku-4-5' },
      concurrency: 6,
      maxTime: 90 * 60_000,
      budgetUsd: 5,
    });
    expect(input.maxTime).toBe('90m');
    expect(sources).toHaveLength(4);
  });

  it('reads a loki.config.ts default export', async () => {
    const { cwd, homeDir } = dirs();
    writeFileSync(
      join(cwd, 'loki.config.ts'),
      "export default { model: 'ollama/qwen2.5-coder', maxTime: '2h' };\n",
    );
    const { config } = await loadConfig({ cwd, homeDir, env: {} });
    expect(config.model).toBe('ollama/qwen2.5-coder');
    expect(config.maxTime).toBe(7_200_000);
  });

  it('names the variable and the valid providers for a bad LOKI_MODEL', async () => {
    const error = await loadError(loadConfig({ ...dirs(), env: { LOKI_MODEL: 'opena/gpt-5' } }));
    expect(error.category).toBe('bad-input');
    expect(error.message).toMatch(
      /unknown provider "opena" in LOKI_MODEL; expected one of anthropic, openai/,
    );
  });

  it('names the file and key of a bad value, and what would be valid', async () => {
    const { cwd, homeDir } = dirs();
    writeFileSync(join(cwd, 'loki.config.json'), JSON.stringify({ maxTime: 'three hours' }));
    const error = await loadError(loadConfig({ cwd, homeDir, env: {} }));
    expect(error.message).toContain(`"maxTime" in ${join(cwd, 'loki.config.json')}`);
    expect(error.message).toContain('expected a duration like 3h, 90m');
  });

  it('refuses a misspelt key instead of ignoring it', async () => {
    const { cwd, homeDir } = dirs();
    writeFileSync(join(cwd, 'loki.config.json'), JSON.stringify({ concurency: 4 }));
    const error = await loadError(loadConfig({ cwd, homeDir, env: {} }));
    expect(error.message).toMatch(/concurency/);
  });

  it('refuses an API key written into a file', async () => {
    const { cwd, homeDir } = dirs();
    writeFileSync(
      join(cwd, 'loki.config.json'),
      JSON.stringify({ providers: { anthropic: { apiKey: 'sk-ant-123' } } }),
    );
    const error = await loadError(loadConfig({ cwd, homeDir, env: {} }));
    expect(error.message).toMatch(
      /"providers.anthropic.apiKey" in .*keys are referenced, never written into files: use \{env:VARIABLE_NAME\}/,
    );
  });

  it('names the environment variable of a bad number', async () => {
    const error = await loadError(loadConfig({ ...dirs(), env: { LOKI_CONCURRENCY: 'lots' } }));
    expect(error.message).toMatch(/^bad configuration: LOKI_CONCURRENCY: /);
  });

  it('holds out 25 % of the acceptance criteria by default; file, LOKI_HELD_OUT_PERCENT and --held-out change it', async () => {
    const { cwd, homeDir } = dirs();
    expect((await loadConfig({ cwd, homeDir, env: {} })).config.heldOutPercent).toBe(25);
    writeFileSync(join(cwd, 'loki.config.json'), JSON.stringify({ heldOutPercent: 50 }));
    expect((await loadConfig({ cwd, homeDir, env: {} })).config.heldOutPercent).toBe(50);
    const env = { LOKI_HELD_OUT_PERCENT: '10', LOKI_VERIFIER_MODEL: 'openai/gpt-5' };
    const fromEnv = await loadConfig({ cwd, homeDir, env });
    expect(fromEnv.config).toMatchObject({
      heldOutPercent: 10,
      roles: { verifier: 'openai/gpt-5' },
    });
    const flagged = await loadConfig({ cwd, homeDir, env, flags: { heldOutPercent: 0 } });
    expect(flagged.config.heldOutPercent).toBe(0);
    const error = await loadError(
      loadConfig({ cwd, homeDir, env: {}, flags: { heldOutPercent: 120 } }),
    );
    expect(error.message).toMatch(/^bad configuration: --held-out: /);
  });

  it('reports a config file that is not JSON', async () => {
    const { cwd, homeDir } = dirs();
    writeFileSync(join(cwd, 'loki.config.json'), '{ "model": ');
    const error = await loadError(loadConfig({ cwd, homeDir, env: {} }));
    expect(error.code).toBe('config.invalid-json');
    expect(error.message).toContain('loki.config.json is not valid JSON');
  });
});
