import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandRunner } from '../../workspace/command.ts';
import { commandStep, succeeded } from '../command-step.ts';
import { defaultTimeouts } from '../defaults.ts';
import { installReport } from '../install-report.ts';
import { shellQuote } from '../shell-quote.ts';
import type { CommandStep, InstallReport, OperationOptions } from '../stack.ts';
import { venvDirectory, venvProblem, venvPython } from './python-environment.ts';
import { choosePython, describeTried, type InterpreterChoice } from './python-interpreter.ts';
import { pipIndexProblem } from './pip-index-problem.ts';
import { probePython, type PythonProbe } from './python-probe.ts';

type Requirement = PythonProbe['requirements'][number];

const pipInstall = `${venvPython} -m pip install --disable-pip-version-check --no-input --retries 1 --timeout 15`;

/**
 * Prepares a Python project: a `.venv` made with `--system-site-packages` (so packages the
 * machine already has, e.g. Debian's python3-pytest, count as installed) from the interpreter
 * that satisfies most of the project's requirements (`choosePython`), then pip only for
 * requirements that are not already satisfied: on a machine without PyPI, a project whose
 * requirements are all present installs fine, and one that needs more says in one line what is
 * missing, whether the index was reachable, and which interpreters lacked what.
 * Requirement files go through `pip install -r` (their options, such as an index URL, apply);
 * pyproject.toml and setup.py requirements through `pip install <requirement>`.
 */
export async function installPythonDependencies(
  runner: CommandRunner,
  options: OperationOptions = {},
): Promise<InstallReport> {
  const signal = options.signal;
  const steps: CommandStep[] = [];
  // A venv Loki cannot use is replaced: .venv is never committed, and install rebuilds it.
  const problem = await venvProblem(runner.root);
  if (problem !== null) await removeVenv(runner.root);
  let remade = problem === null ? '' : `recreated ${venvDirectory} (${problem}); `;
  let before = existsSync(join(runner.root, venvPython))
    ? await probePython(runner, venvPython, signal)
    : null;
  if (before !== null) steps.push(before.step);
  let choice: InterpreterChoice | null = null;
  const unsatisfiedIn = (probe: PythonProbe): Requirement[] =>
    probe.requirements.filter((requirement) => !requirement.satisfied);
  if (before?.probe == null || unsatisfiedIn(before.probe).length > 0) {
    choice = await choosePython(runner, signal);
    steps.push(...choice.steps);
    const chosen = choice.chosen;
    if (chosen === null) {
      const summary = `no Python interpreter could inspect the project: ${choice.errors.join('; ')}`;
      return installReport({ ok: false, steps, summary });
    }
    // An existing venv (an agent's own) built on an interpreter that lacks more is rebuilt.
    if (before?.probe != null && chosen.missing.length < unsatisfiedIn(before.probe).length) {
      await removeVenv(runner.root);
      remade = `recreated ${venvDirectory} from ${chosen.probe.executable}, which lacks less; `;
      before = null;
    }
    if (before === null || before.probe === null) {
      const created = await runner.run({
        // Without pip: installing it takes seconds, and most installs here need none (below).
        command: `${chosen.python} -m venv --system-site-packages --without-pip ${venvDirectory}`,
        timeoutMs: defaultTimeouts.helperMs,
        ...(signal ? { signal } : {}),
      });
      steps.push(commandStep(created));
      if (!succeeded(created)) {
        const summary = `could not create ${venvDirectory} with ${chosen.python} (is the venv module installed? on Debian: apt-get install python3-venv)`;
        return installReport({ ok: false, steps, summary });
      }
      before = await probePython(runner, venvPython, signal);
      steps.push(before.step);
    }
  }
  if (before.probe === null) return installReport({ ok: false, steps, summary: before.error });
  const unsatisfied = unsatisfiedIn(before.probe);
  if (unsatisfied.length === 0) {
    const count = before.probe.requirements.length;
    const from = ` (Python ${before.probe.python})`;
    const summary =
      count === 0
        ? `${venvDirectory} ready${from}; the project declares no requirements`
        : `${venvDirectory} ready${from}; all ${count} requirement(s) already satisfied, pip not run`;
    return installReport({
      ok: true,
      steps,
      summary: remade + withProbeErrors(summary, before.probe),
    });
  }
  // The system's pip (Debian's python3-pip) serves a system-site-packages venv; else its own.
  const ensurePip = before.probe.modules.pip ? [] : [`${venvPython} -m ensurepip --default-pip`];
  for (const command of [...ensurePip, ...pipCommands(unsatisfied)]) {
    const result = await runner.run({
      command,
      network: true,
      timeoutMs: options.timeoutMs ?? defaultTimeouts.installMs,
      ...(signal ? { signal } : {}),
    });
    steps.push(commandStep(result));
  }
  const after = await probePython(runner, venvPython, signal);
  steps.push(after.step);
  const missing = (after.probe?.requirements ?? unsatisfied).filter(
    (requirement) => !requirement.satisfied,
  );
  if (missing.length === 0 && steps.every((step) => step.exitCode === 0)) {
    const summary = `${remade}installed with pip: ${unsatisfied.map(describe).join(', ')}`;
    return installReport({ ok: true, steps, summary });
  }
  const pipOutput = steps.map((step) => step.output).join('\n');
  const pipError = pipOutput.split('\n').filter((line) => line.startsWith('ERROR:'));
  const index = pipIndexProblem(pipOutput);
  const reason =
    index !== null
      ? `; ${index}`
      : pipError.length > 0
        ? `; pip said: ${pipError.slice(0, 3).join(' / ')}`
        : '';
  const tried = choice === null ? '' : `; interpreters tried: ${describeTried(choice.tried)}`;
  const summary =
    `could not install ${missing.length} requirement(s): ${missing.map(describe).join(', ')}` +
    reason +
    tried;
  return installReport({
    ok: false,
    steps,
    summary,
    missing: missing.map((requirement) => requirement.requirement),
  });
}

function removeVenv(root: string): Promise<void> {
  return rm(join(root, venvDirectory), { recursive: true, force: true });
}

function pipCommands(unsatisfied: Requirement[]): string[] {
  const files = [...new Set(unsatisfied.map((requirement) => requirement.source))].filter(
    (source) => source.endsWith('.txt'),
  );
  const direct = unsatisfied.filter((requirement) => !requirement.source.endsWith('.txt'));
  return [
    ...files.map((file) => `${pipInstall} -r ${shellQuote(file)}`),
    ...(direct.length > 0
      ? [
          `${pipInstall} ${direct.map((requirement) => shellQuote(requirement.requirement)).join(' ')}`,
        ]
      : []),
  ];
}

function describe(requirement: Requirement): string {
  return `${requirement.requirement} (${requirement.source})`;
}

function withProbeErrors(summary: string, probe: PythonProbe): string {
  return probe.errors.length > 0
    ? `${summary}; could not read: ${probe.errors.join('; ')}`
    : summary;
}
