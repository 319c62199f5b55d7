import { existsSync } from 'node:fs';
import type { CommandRunner } from '../../workspace/command.ts';
import type { CommandStep } from '../stack.ts';
import { probePython, type PythonProbe } from './python-probe.ts';

/** An interpreter a venv can be made from, and what it lacks of the project's requirements. */
export interface InterpreterCandidate {
  python: string;
  probe: PythonProbe;
  /** The requirements it does not satisfy, as declared. */
  missing: string[];
}

/** The interpreter chosen for a venv, every one tried, and the probes' steps. */
export interface InterpreterChoice {
  /** Null when no candidate could even run the probe. */
  chosen: InterpreterCandidate | null;
  tried: InterpreterCandidate[];
  steps: CommandStep[];
  /** Why candidates that could not run the probe failed, one sentence each. */
  errors: string[];
}

/**
 * Interpreters a venv may be built from, best first: Debian's `/usr/bin/python3`, whose
 * site-packages hold the apt-installed packages (python3-fastapi, python3-django, ...), then the
 * `python3` first on PATH, which on some machines is a separate build (pyenv) without them.
 */
export function candidatePythons(): string[] {
  return [...(existsSync('/usr/bin/python3') ? ['/usr/bin/python3'] : []), 'python3'];
}

/**
 * Probes each candidate interpreter against the project's requirements and takes the first that
 * satisfies them all; when none does, the one missing the fewest (the first on a tie), so a
 * venv with system site-packages needs the least from a package index.
 */
export async function choosePython(
  runner: CommandRunner,
  signal?: AbortSignal,
  candidates: readonly string[] = candidatePythons(),
): Promise<InterpreterChoice> {
  const tried: InterpreterCandidate[] = [];
  const steps: CommandStep[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const python of candidates) {
    const probed = await probePython(runner, python, signal);
    steps.push(probed.step);
    if (probed.probe === null) {
      errors.push(probed.error);
      continue;
    }
    // `python3` may be a shim or a link to an interpreter already tried.
    if (seen.has(probed.probe.executable)) continue;
    seen.add(probed.probe.executable);
    const missing = probed.probe.requirements
      .filter((requirement) => !requirement.satisfied)
      .map((requirement) => requirement.requirement);
    const candidate = { python, probe: probed.probe, missing };
    tried.push(candidate);
    if (missing.length === 0) return { chosen: candidate, tried, steps, errors };
  }
  const chosen = tried.reduce<InterpreterCandidate | null>(
    (best, candidate) =>
      best === null || candidate.missing.length < best.missing.length ? candidate : best,
    null,
  );
  return { chosen, tried, steps, errors };
}

/** `/usr/bin/python3 (3.11.2) lacks fastapi>=0.100, uvicorn`: one clause per interpreter tried. */
export function describeTried(tried: readonly InterpreterCandidate[]): string {
  return tried
    .map(
      (candidate) =>
        `${candidate.probe.executable} (${candidate.probe.python}) ${
          candidate.missing.length === 0 ? 'has them all' : `lacks ${candidate.missing.join(', ')}`
        }`,
    )
    .join('; ');
}
