import { dirname } from 'node:path';
import { z } from 'zod';
import { acceptanceWork } from '../acceptance/acceptance-remediation.ts';
import {
  acceptanceChecksSchema,
  checkResultSchema,
  type AcceptanceCheck,
  type CheckResult,
  type CriterionResult,
} from '../acceptance/acceptance-checks.ts';
import {
  acceptanceOutputSchema,
  summarizeAcceptance,
  type AcceptanceOutput,
} from '../acceptance/acceptance-output.ts';
import {
  criteriaBriefOf,
  productCriteriaOf,
  type ProductCriterion,
} from '../acceptance/product-criteria.ts';
import { proposeChecks, viewProduct } from '../acceptance/propose-checks.ts';
import { acceptancePlaceOf, runChecks, storeTestFiles } from '../acceptance/run-checks.ts';
import type { Remediation } from '../resolution/conflict-resolution-output.ts';
import { gatesWithRemediation } from '../resolution/gate-remediation.ts';
import { openTaskEnvironment, runRemediations } from '../resolution/run-remediations.ts';
import type { RunContext } from '../run-context.ts';
import type { RunState } from '../run-state.ts';
import { defineStage } from '../stage.ts';

/** Where the verifier's checks are kept, so a resumed run neither asks nor pays for them again. */
export const checksCheckpoint = 'acceptance:checks';
/** Where the results of each run of the checks are kept (round 0: before any remediation). */
export const roundCheckpoint = (round: number) => `acceptance:round:${round}`;

export interface AcceptanceStageOptions {
  /** How long the started product may take to answer its health route. */
  health?: { timeoutMs?: number; intervalMs?: number };
}

/**
 * The acceptance stage: after review and conflict resolution, before the audit and deployment.
 * The verifier model turns every product criterion of the plan (held-out ones too) into
 * black-box checks; Loki runs them on a fresh copy of the merged main and judges them from what
 * happened. Criteria not met become remediation work (told the checks, never a held-out
 * criterion's text), merged into main, and the checks run again, at most `remediationRounds`
 * times. The verifier's checks and each round's results are checkpointed as they happen.
 */
export function createAcceptanceStage(options: AcceptanceStageOptions = {}) {
  return defineStage<AcceptanceOutput>({
    name: 'acceptance',
    title: 'Acceptance',
    outputSchema: acceptanceOutputSchema,
    run: (context, state) => checkAcceptance(context, state, options),
    summarize: summarizeAcceptance,
    store: (state, acceptance) => ({ ...state, acceptance }),
  });
}

async function checkAcceptance(
  context: RunContext,
  state: RunState,
  options: AcceptanceStageOptions,
): Promise<AcceptanceOutput> {
  const criteria = productCriteriaOf(state.taskGraph, context.config.heldOutPercent);
  // Said in the stage's summary line, which the terminal, the run summary and status show.
  const skipped = (reason: string): AcceptanceOutput => ({
    skipped: reason,
    criteria: [],
    rounds: 0,
    remediations: [],
    gates: null,
  });
  if (criteria.length === 0)
    return skipped('the plan names no acceptance criteria for the whole product');
  // A partial build (the size limit) is not judged: a resume checks the whole product.
  if (state.execution?.stoppedBy) return skipped('the build is partial (a size limit stopped it)');
  const place = acceptancePlaceOf(dirname(context.journal.path), context.runId);
  const checks = await verifierChecks(context, criteria);
  await storeTestFiles(place, checks);
  const environment = await openTaskEnvironment(context, state);
  const brief = criteriaBriefOf(criteria);
  const maxRounds = context.config.remediationRounds;
  const remediations: Remediation[] = [];
  let results = await checkedRound(context, criteria, 0, () =>
    runChecks(checks, roundOptions(context, place, 0, options)),
  );
  let rounds = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const failing = results.filter((criterion) => !criterion.passed);
    if (failing.length === 0) break;
    const done = await runRemediations(environment, acceptanceWork(failing, round, brief), {
      kind: 'acceptance',
      round,
    });
    remediations.push(...done);
    rounds = round;
    // Nothing merged, nothing changed: the checks would only fail the same way again.
    if (!done.some((remediation) => remediation.result.mergedAs)) break;
    results = await checkedRound(context, criteria, round, () =>
      runChecks(checks, roundOptions(context, place, round, options)),
    );
  }
  // Remediation changed main after the gates were measured: measure them again (no new fixing).
  const gates =
    remediations.some((remediation) => remediation.result.mergedAs) &&
    (await gatesWithRemediation(environment, 0)).report;
  const output: AcceptanceOutput = {
    skipped: null,
    criteria: results,
    rounds,
    remediations,
    gates: gates ? { passed: gates.passed, table: gates.gates } : null,
  };
  warnAboutWhatFails(context, output);
  return output;
}

function roundOptions(
  context: RunContext,
  place: ReturnType<typeof acceptancePlaceOf>,
  round: number,
  options: AcceptanceStageOptions,
) {
  return {
    outDir: context.outDir,
    place,
    round,
    sandbox: context.config.sandbox,
    signal: context.signal,
    ...(options.health ? { health: options.health } : {}),
  };
}

/** The verifier's checks: restored, or asked for once and kept. */
async function verifierChecks(
  context: RunContext,
  criteria: readonly ProductCriterion[],
): Promise<AcceptanceCheck[]> {
  const saved = context.journal.getCheckpoint(context.runId, checksCheckpoint);
  const restored = saved ? acceptanceChecksSchema.safeParse(saved.output).data : undefined;
  if (restored) return restored.checks;
  const { checks } = await proposeChecks(context, criteria, await viewProduct(context.outDir));
  context.journal.saveCheckpoint({
    runId: context.runId,
    stage: checksCheckpoint,
    output: { checks },
    at: context.clock.now(),
  });
  return checks;
}

/**
 * One run of the checks, judged per criterion and journaled (an `acceptance-checked` event per
 * criterion); a round already run by an earlier session is restored as it was.
 */
async function checkedRound(
  context: RunContext,
  criteria: readonly ProductCriterion[],
  round: number,
  run: () => Promise<CheckResult[]>,
): Promise<CriterionResult[]> {
  const key = roundCheckpoint(round);
  const saved = context.journal.getCheckpoint(context.runId, key);
  const restored = saved ? z.array(checkResultSchema).safeParse(saved.output).data : undefined;
  const results = restored ?? (await run());
  const verdicts = criteria.map((criterion): CriterionResult => {
    const own = results.filter((result) => result.criterionId === criterion.id);
    return {
      ...criterion,
      passed: own.length > 0 && own.every((check) => check.passed),
      checks: own,
    };
  });
  if (restored) return verdicts;
  context.journal.saveCheckpoint({
    runId: context.runId,
    stage: key,
    output: results,
    at: context.clock.now(),
  });
  for (const verdict of verdicts) {
    context.events.emit({
      type: 'acceptance-checked',
      round,
      criterionId: verdict.id,
      criterion: verdict.text,
      heldOut: verdict.heldOut,
      passed: verdict.passed,
      checks: verdict.checks.map(({ kind, subject, passed, expected, observed }) => ({
        kind,
        subject,
        passed,
        expected,
        observed,
      })),
    });
  }
  return verdicts;
}

function warnAboutWhatFails(context: RunContext, output: AcceptanceOutput): void {
  const failing = output.criteria.filter((criterion) => !criterion.passed);
  if (failing.length > 0) {
    context.events.emit({
      type: 'warning-raised',
      message: `${failing.length} acceptance criteri${failing.length === 1 ? 'on is' : 'a are'} not met after ${output.rounds} round${output.rounds === 1 ? '' : 's'} of remediation: ${failing
        .map(
          (criterion) =>
            `${criterion.id}${criterion.heldOut ? ' (held out)' : ''} ${criterion.text}`,
        )
        .join('; ')}`,
    });
  }
  if (output.gates && !output.gates.passed) {
    const failed = output.gates.table.filter((gate) => !gate.passed);
    context.events.emit({
      type: 'warning-raised',
      message: `quality gates failing after acceptance remediation: ${failed.map((gate) => `${gate.gate} (${gate.measured}, needs ${gate.threshold})`).join(', ')}`,
    });
  }
}
