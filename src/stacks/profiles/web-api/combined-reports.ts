// The reports of the two parts of a web + API product, made into one report each: a gate reads
// one report per operation, and a part that fails fails the product.
import { installReport } from '../../install-report.ts';
import type {
  BuildReport,
  CommandStep,
  InstallReport,
  LintReport,
  TestReport,
} from '../../stack.ts';
import { capText, maxFailures, maxLintProblems } from '../../text-limits.ts';

/** One part's report, with the folder it came from (relative to the product's root). */
export interface PartReport<Report> {
  folder: string;
  report: Report;
}

const inFolder = (folder: string, command: string): string =>
  command === '' ? '' : `(cd ${folder} && ${command})`;

const inFolderStep = (folder: string, step: CommandStep): CommandStep => ({
  ...step,
  command: inFolder(folder, step.command),
});

const joined = (commands: string[]): string =>
  commands.filter((command) => command !== '').join(' && ');

const sections = (parts: { folder: string; text: string }[]): string =>
  capText(parts.map((part) => `== ${part.folder}/ ==\n${part.text}`).join('\n\n'));

/** Both installs' steps in order; ok when both are. */
export function combineInstalls(parts: PartReport<InstallReport>[]): InstallReport {
  return installReport({
    ok: parts.every((part) => part.report.ok),
    steps: parts.flatMap((part) =>
      part.report.steps.map((step) => inFolderStep(part.folder, step)),
    ),
    summary: parts.map((part) => `${part.folder}/: ${part.report.summary}`).join('; '),
    missing: parts.flatMap((part) => part.report.missing.map((name) => `${part.folder}/${name}`)),
  });
}

/** One build step standing for both: its command runs both, its output shows both. */
export function combineBuilds(parts: PartReport<BuildReport>[]): BuildReport {
  const ran = parts.filter((part) => part.report.ran && part.report.step !== null);
  const ok = parts.every((part) => part.report.ok);
  if (ran.length === 0) {
    return {
      ran: false,
      ok,
      reason: parts
        .map((part) => `${part.folder}/: ${part.report.reason ?? 'nothing to build'}`)
        .join('; '),
      step: null,
    };
  }
  const steps = ran.map((part) => ({ folder: part.folder, step: part.report.step! }));
  const failed = steps.find((entry) => entry.step.exitCode !== 0 || entry.step.timedOut);
  const reasons = parts
    .filter((part) => part.report.reason !== null && !part.report.ok)
    .map((part) => `${part.folder}/: ${part.report.reason ?? ''}`);
  return {
    ran: true,
    ok,
    reason: reasons.length > 0 ? reasons.join('; ') : null,
    step: {
      command: joined(steps.map((entry) => inFolder(entry.folder, entry.step.command))),
      exitCode: failed ? failed.step.exitCode : ok ? 0 : 1,
      timedOut: steps.some((entry) => entry.step.timedOut),
      durationMs: steps.reduce((sum, entry) => sum + entry.step.durationMs, 0),
      output: sections(steps.map((entry) => ({ folder: entry.folder, text: entry.step.output }))),
    },
  };
}

/**
 * Counts summed over both parts; coverage is the mean of the parts' line coverage (each part
 * measures its own files), stated part by part in the notes.
 */
export function combineTests(parts: PartReport<TestReport>[]): TestReport {
  const reports = parts.map((part) => part.report);
  const measured = parts.filter((part) => part.report.coveragePercent !== null);
  const coveragePercent =
    measured.length === parts.length && measured.length > 0
      ? measured.reduce((sum, part) => sum + part.report.coveragePercent!, 0) / measured.length
      : null;
  const notes = parts.flatMap((part) =>
    part.report.notes.map((note) => `${part.folder}/: ${note}`),
  );
  if (measured.length > 0) {
    notes.push(
      `line coverage ${measured.map((part) => `${part.folder}/ ${part.report.coveragePercent!.toFixed(1)}%`).join(', ')}${coveragePercent === null ? '; not measured for every part, so none is reported' : '; the figure is their mean'}`,
    );
  }
  const sum = (pick: (report: TestReport) => number) =>
    reports.reduce((total, report) => total + pick(report), 0);
  return {
    ran: reports.every((report) => report.ran),
    runner: reports.find((report) => report.runner !== null)?.runner ?? null,
    passed: sum((report) => report.passed),
    failed: sum((report) => report.failed),
    skipped: sum((report) => report.skipped),
    total: sum((report) => report.total),
    durationMs: sum((report) => report.durationMs),
    coveragePercent,
    failures: parts
      .flatMap((part) =>
        part.report.failures.map((failure) =>
          failure.file === undefined
            ? failure
            : { ...failure, file: `${part.folder}/${failure.file}` },
        ),
      )
      .slice(0, maxFailures),
    output: sections(parts.map((part) => ({ folder: part.folder, text: part.report.output }))),
    exitCode: reports.find((report) => report.exitCode !== 0)?.exitCode ?? 0,
    timedOut: reports.some((report) => report.timedOut),
    command: joined(parts.map((part) => inFolder(part.folder, part.report.command))),
    notes,
  };
}

/** Problems of both parts, their files named from the product's root. */
export function combineLints(parts: PartReport<LintReport>[]): LintReport {
  const ran = parts.filter((part) => part.report.ran);
  const reasons = parts
    .filter((part) => part.report.reason !== null)
    .map((part) => `${part.folder}/: ${part.report.reason ?? ''}`);
  return {
    ran: ran.length > 0,
    linter: parts.find((part) => part.report.linter !== null)?.report.linter ?? null,
    reason: reasons.length > 0 ? reasons.join('; ') : null,
    errors: parts.reduce((sum, part) => sum + part.report.errors, 0),
    warnings: parts.reduce((sum, part) => sum + part.report.warnings, 0),
    problems: parts
      .flatMap((part) =>
        part.report.problems.map((problem) => ({
          ...problem,
          file: `${part.folder}/${problem.file}`,
        })),
      )
      .slice(0, maxLintProblems),
    output: sections(ran.map((part) => ({ folder: part.folder, text: part.report.output }))),
    exitCode:
      ran.length === 0
        ? null
        : (ran.find((part) => part.report.exitCode !== 0)?.report.exitCode ?? 0),
    command: joined(ran.map((part) => inFolder(part.folder, part.report.command))),
  };
}
