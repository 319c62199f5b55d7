import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnvironment, createWorkspace, examplePrd, runLoki } from './testing/run-loki.ts';

describe('loki run with bad input: one clear paragraph and exit 2', () => {
  const { cwd, home } = createWorkspace();
  const env = cleanEnvironment(home);
  const emptyPrd = join(cwd, 'empty.md');
  const hugePrd = join(cwd, 'huge.md');
  writeFileSync(emptyPrd, '  \n');
  writeFileSync(hugePrd, `# Huge\n${'x'.repeat(210 * 1024)}`);

  it.each([
    {
      name: 'a missing PRD',
      args: ['run', 'missing.md'],
      message: /the PRD file missing.md does not exist/,
    },
    {
      name: 'an empty PRD',
      args: ['run', emptyPrd],
      message: /is empty\. Write what the product must do/,
    },
    {
      name: 'a PRD over 200 KB',
      args: ['run', hugePrd],
      message: /is 210 KB; Loki accepts PRDs up to 200 KB/,
    },
    {
      name: 'an unknown provider',
      args: ['run', examplePrd, '--model', 'opena/gpt-5'],
      message:
        /unknown provider "opena" in --model; expected one of anthropic, openai, google, openai-compatible, ollama/,
    },
    {
      name: 'no key and no reachable local model',
      args: ['run', examplePrd],
      message:
        /No model is chosen .* and no provider key is set, and no Ollama answers at http:\/\/127\.0\.0\.1:11434\/v1/,
    },
    {
      name: 'a hosted model without its key',
      args: ['run', examplePrd, '--model', 'anthropic/claude-sonnet-4-5'],
      message:
        /No API key for anthropic\/claude-sonnet-4-5: the variable ANTHROPIC_API_KEY is not set/,
    },
    {
      name: 'a bad flag value',
      args: ['run', examplePrd, '--concurrency', 'lots'],
      message: /expected a positive whole number/,
    },
    {
      name: 'a bad duration',
      args: ['run', examplePrd, '--max-time', 'soon'],
      message: /--max-time: .*expected a duration like 3h/,
    },
  ])('$name', async ({ args, message }) => {
    const result = await runLoki(args, { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
