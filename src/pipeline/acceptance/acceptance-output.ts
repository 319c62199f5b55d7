import { z } from 'zod';
import type { RunSummary } from '../../events/index.ts';
import { gateResultSchema } from '../quality/quality-gates.ts';
import { remediationSchema } from '../resolution/conflict-resolution-output.ts';
import { criterionResultSchema } from './acceptance-checks.ts';

/** The acceptance stage's output: each product criterion's verdict on the merged product. */
export const acceptanceOutputSchema = z.object({
  /** Why nothing was checked (no criteria in the plan, a partial build); null when checked. */
  skipped: z.string().nullable(),
  /** The verdicts of the last run of the checks. */
  criteria: z.array(criterionResultSchema),
  /** Rounds of remediation, each followed by running the checks again. */
  rounds: z.number().int().nonnegative(),
  remediations: z.array(remediationSchema),
  /** The quality gates measured again after a remediation changed main; null when none did. */
  gates: z.object({ passed: z.boolean(), table: z.array(gateResultSchema) }).nullable(),
});
export type AcceptanceOutput = z.infer<typeof acceptanceOutputSchema>;

/** One line: how many criteria the product meets, held-out ones apart, and the fixing done. */
export function summarizeAcceptance(output: AcceptanceOutput): string {
  if (output.skipped !== null) return `skipped: ${output.skipped}`;
  const met = output.criteria.filter((criterion) => criterion.passed);
  const held = output.criteria.filter((criterion) => criterion.heldOut);
  const heldMet = held.filter((criterion) => criterion.passed).length;
  const failing = output.criteria.filter((criterion) => !criterion.passed);
  const rounds =
    output.rounds === 0
      ? ''
      : `, after ${output.rounds} round${output.rounds === 1 ? '' : 's'} of remediation`;
  return [
    `${met.length}/${output.criteria.length} acceptance criteria met (${heldMet}/${held.length} held out)${rounds}`,
    ...(failing.length > 0
      ? [
          `not met: ${failing.map((criterion) => `${criterion.id}${criterion.heldOut ? ' (held out)' : ''}`).join(', ')}`,
        ]
      : []),
    ...(output.gates && !output.gates.passed ? ['quality gates now FAIL'] : []),
  ].join('; ');
}

/** The run summary's account of acceptance; nothing when the stage did not run. */
export function acceptanceSummaryOf(state: {
  acceptance?: AcceptanceOutput;
}): Pick<RunSummary, 'acceptance'> {
  const output = state.acceptance;
  if (!output) return {};
  return {
    acceptance: {
      note: output.skipped,
      criteria: output.criteria.map(({ id, text, heldOut, passed }) => ({
        id,
        text,
        heldOut,
        passed,
      })),
    },
  };
}
