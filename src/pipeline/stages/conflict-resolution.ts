import { z } from 'zod';
import type { DebateRecord } from '../../mediation/index.ts';
import { reviewFindingSchema, type ReviewFinding } from '../../review/index.ts';
import {
  conflictResolutionSchema,
  type ConflictResolutionOutput,
  type LessonEvolution,
  type Remediation,
} from '../resolution/conflict-resolution-output.ts';
import { gatesWithRemediation } from '../resolution/gate-remediation.ts';
import { settleMemoryConflicts } from '../resolution/memory-conflicts.ts';
import { needsDecision } from '../resolution/needs-decision.ts';
import { mustFix, remediationWork, type FindingToFix } from '../resolution/remediation-tasks.ts';
import { openTaskEnvironment, runRemediations } from '../resolution/run-remediations.ts';
import type { RunContext } from '../run-context.ts';
import type { RunState } from '../run-state.ts';
import { defineStage } from '../stage.ts';

/** What the stage needs from the review beside it: its findings, and a way to review again. */
export interface ConflictResolutionDependencies {
  /** The review's findings, as the review stage left them in the run state. */
  findingsOf(state: RunState): ReviewFinding[];
  /** Runs the reviewers again on main as it is now (after remediation). */
  review(context: RunContext, state: RunState): Promise<ReviewFinding[]>;
}

/** Where the findings each round starts from are kept (round 0: the review stage's). */
export const reviewCheckpoint = (round: number) => `conflict-resolution:review:${round}`;

/**
 * Stage 5: settles the review. Each memory conflict is debated (REMEDIATE, EVOLVE, ESCALATE —
 * which pauses the run for `loki decide`); critical and high findings and REMEDIATE decisions
 * become remediation tasks scoped to their files, and the reviewers run again, at most
 * `remediationRounds` times. Then the quality gates are measured on main, failing ones get
 * remediation work, and the gates are measured again (bounded the same way). Everything
 * decided or fixed is checkpointed as it happens, so a resumed run repeats none of it.
 */
export function createConflictResolutionStage(dependencies: ConflictResolutionDependencies) {
  return defineStage<ConflictResolutionOutput>({
    name: 'conflict-resolution',
    title: 'Conflict resolution',
    outputSchema: conflictResolutionSchema,
    run: (context, state) => resolveConflicts(context, state, dependencies),
    summarize: summarizeResolution,
    store: (state, conflictResolution) => ({ ...state, conflictResolution }),
  });
}

async function resolveConflicts(
  context: RunContext,
  state: RunState,
  dependencies: ConflictResolutionDependencies,
): Promise<ConflictResolutionOutput> {
  const environment = await openTaskEnvironment(context, state);
  // A partial build (the size limit) is reported, not remediated: the run stops after the
  // audit, and a resume with the whole product settles the review from scratch.
  if (state.execution?.stoppedBy) {
    const gates = await gatesWithRemediation(environment, 0);
    return {
      debates: [],
      evolutions: [],
      remediations: [],
      reviewRounds: 0,
      gateRounds: 0,
      remainingFindings: dependencies.findingsOf(state),
      gates: { passed: gates.report.passed, table: gates.report.gates },
    };
  }
  const maxRounds = context.config.remediationRounds;
  const debates = new Map<string, DebateRecord>();
  const evolutions = new Map<string, LessonEvolution>();
  const remediations: Remediation[] = [];
  // A finding against a lesson that evolved is settled: the new code is what the lesson says now.
  const open = (findings: readonly ReviewFinding[]) =>
    findings.filter(
      (finding) =>
        !finding.lessonId ||
        ![...evolutions.values()].some((evolution) => evolution.oldLessonId === finding.lessonId),
    );
  let findings = open(
    await reviewed(context, 0, () => Promise.resolve(dependencies.findingsOf(state))),
  );
  let reviewRounds = 0;
  for (let round = 1; ; round++) {
    const conflicts = await settleMemoryConflicts(context, findings);
    for (const debate of conflicts.debates) debates.set(debate.findingId, debate);
    for (const evolution of conflicts.evolutions) evolutions.set(evolution.findingId, evolution);
    if (conflicts.escalated.length > 0) throw needsDecision(context.runId, conflicts.escalated);
    findings = open(findings);
    const triaged = findings
      .filter((finding) => !finding.lessonId || conflicts.withoutLesson.includes(finding))
      .filter(mustFix)
      .map((finding): FindingToFix => ({ finding }));
    const fixes = [...conflicts.toRemediate, ...triaged];
    if (fixes.length === 0 || round > maxRounds) break;
    const work = remediationWork(fixes, round);
    const done = await runRemediations(environment, work, { kind: 'review', round });
    remediations.push(...done);
    reviewRounds = round;
    // Nothing merged, nothing changed: the reviewers would only find the same again.
    if (!done.some((remediation) => remediation.result.mergedAs)) break;
    findings = open(await reviewed(context, round, () => dependencies.review(context, state)));
  }
  const gates = await gatesWithRemediation(environment, maxRounds);
  remediations.push(...gates.remediations);
  const output: ConflictResolutionOutput = {
    debates: [...debates.values()],
    evolutions: [...evolutions.values()],
    remediations,
    reviewRounds,
    gateRounds: gates.rounds,
    remainingFindings: findings,
    gates: { passed: gates.report.passed, table: gates.report.gates },
  };
  warnAboutWhatRemains(context, output);
  return output;
}

/**
 * The findings a round starts from (round 0: the review stage's), kept as they were seen: a run
 * paused for a decision resumes with the findings the person decided on, and a resumed run
 * does not ask the reviewers again.
 */
async function reviewed(
  context: RunContext,
  round: number,
  review: () => Promise<ReviewFinding[]>,
): Promise<ReviewFinding[]> {
  const key = reviewCheckpoint(round);
  const saved = context.journal.getCheckpoint(context.runId, key);
  const restored = saved ? z.array(reviewFindingSchema).safeParse(saved.output).data : undefined;
  if (restored) return restored;
  const findings = await review();
  context.journal.saveCheckpoint({
    runId: context.runId,
    stage: key,
    output: findings,
    at: context.clock.now(),
  });
  return findings;
}

function warnAboutWhatRemains(context: RunContext, output: ConflictResolutionOutput): void {
  const blocking = output.remainingFindings.filter(mustFix);
  if (blocking.length > 0) {
    context.events.emit({
      type: 'warning-raised',
      message: `${blocking.length} critical or high finding${blocking.length === 1 ? '' : 's'} still stand after ${output.reviewRounds} round${output.reviewRounds === 1 ? '' : 's'} of remediation: ${blocking
        .slice(0, 3)
        .map((finding) => `${finding.title} (${finding.file}:${finding.line})`)
        .join('; ')}`,
    });
  }
  const failing = output.gates.table.filter((gate) => !gate.passed);
  if (failing.length > 0) {
    context.events.emit({
      type: 'warning-raised',
      message: `quality gates failing before deployment: ${failing.map((gate) => `${gate.gate} (${gate.measured}, needs ${gate.threshold})`).join(', ')}`,
    });
  }
}

/** One line: decisions, remediation, what is left, and the gate table in brief. */
export function summarizeResolution(output: ConflictResolutionOutput): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const verdicts = ['REMEDIATE', 'EVOLVE', 'ESCALATE']
    .map(
      (verdict) =>
        [verdict, output.debates.filter((d) => d.decision.decision === verdict).length] as const,
    )
    .filter(([, n]) => n > 0)
    .map(([verdict, n]) => `${n} ${verdict.toLowerCase()}`);
  const done = output.remediations.filter((remediation) => remediation.result.status === 'done');
  const blocking = output.remainingFindings.filter(mustFix).length;
  const gates = output.gates.table
    .map((gate) => `${gate.gate} ${gate.passed ? '' : 'FAIL '}${gate.measured}`)
    .join(', ');
  return [
    `${count(output.debates.length, 'debate')}${verdicts.length > 0 ? ` (${verdicts.join(', ')})` : ''}`,
    `${done.length}/${count(output.remediations.length, 'remediation task')} done`,
    `${count(output.remainingFindings.length, 'finding')} left (${blocking} critical/high)`,
    `gates ${output.gates.passed ? 'pass' : 'FAIL'}: ${gates}`,
  ].join('; ');
}
