import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJson } from '../../core/index.ts';
import type { CommandRunner } from '../../workspace/command.ts';
import { commandStep } from '../command-step.ts';
import { defaultTimeouts } from '../defaults.ts';
import type { CommandStep } from '../stack.ts';

const probeSchema = z.object({
  python: z.string(),
  /** The interpreter's own path (a venv's, or the one behind a shim such as pyenv's). */
  executable: z.string(),
  requirements: z.array(
    z.object({
      requirement: z.string(),
      source: z.string(),
      name: z.string(),
      installed: z.string().nullable(),
      satisfied: z.boolean(),
    }),
  ),
  modules: z.object({
    pytest: z.boolean(),
    coverage: z.boolean(),
    flake8: z.boolean(),
    ruff: z.boolean(),
    gunicorn: z.boolean(),
    pytest_django: z.boolean(),
    pip: z.boolean(),
  }),
  ruffExecutable: z.string().nullable(),
  errors: z.array(z.string()),
});

/** What `probe.py` found: declared requirements and whether each is satisfied; available tools. */
export type PythonProbe = z.infer<typeof probeSchema>;

/** A probe's findings with the step that produced them, or why there are none. */
export type PythonProbeResult =
  { probe: PythonProbe; step: CommandStep } | { probe: null; step: CommandStep; error: string };

const marker = 'LOKI-PROBE:';
let probeScript: Promise<string> | undefined;

/**
 * Runs `probe.py` with the given interpreter, fed on stdin so nothing is written to the project.
 */
export async function probePython(
  runner: CommandRunner,
  python: string,
  signal?: AbortSignal,
): Promise<PythonProbeResult> {
  probeScript ??= readFile(new URL('./probe.py', import.meta.url), 'utf8');
  const script = await probeScript;
  const result = await runner.run({
    command: `${python} - .`,
    stdin: script,
    timeoutMs: defaultTimeouts.helperMs,
    ...(signal ? { signal } : {}),
  });
  const step = commandStep(result);
  const line = result.output.split('\n').find((text) => text.startsWith(marker));
  if (line === undefined) {
    return {
      probe: null,
      step,
      error: `${python} could not inspect the project (exit code ${String(result.exitCode)}): ${result.output.trim().split('\n').slice(-3).join(' / ')}`,
    };
  }
  const parsed = parseJson(line.slice(marker.length), probeSchema);
  if (!parsed.success)
    return { probe: null, step, error: `unexpected probe output: ${parsed.error}` };
  return { probe: parsed.value, step };
}
