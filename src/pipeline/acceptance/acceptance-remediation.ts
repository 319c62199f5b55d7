import { taskIdOf, type RemediationWork } from '../resolution/remediation-tasks.ts';
import type { CriterionResult } from './acceptance-checks.ts';
import { redactHeldOut, type CriteriaBrief } from './product-criteria.ts';

/**
 * The remediation work for the criteria the merged product does not meet: one task (the
 * failures often share files, and parallel fixes of one file would only conflict), told what
 * each failing check did and got. A held-out criterion's statement is never written into it:
 * the agent reads the check's request, expectation and observation, as from a bug report, and
 * any copy of a held-out text that a check's output carries is blanked out.
 */
export function acceptanceWork(
  failing: readonly CriterionResult[],
  round: number,
  brief: CriteriaBrief,
): RemediationWork[] {
  if (failing.length === 0) return [];
  const sections = failing.map((criterion) => {
    const heading = criterion.heldOut
      ? `- A held-out acceptance criterion (its statement is not shown to you; its checks say what it requires):`
      : `- Acceptance criterion ${criterion.id}: ${criterion.text}`;
    const checks = criterion.checks
      .filter((check) => !check.passed)
      .map(
        (check) =>
          `  Check (${check.kind}): ${check.subject}\n    expected: ${check.expected}\n    observed: ${check.observed.replace(/\n/g, '\n      ')}`,
      );
    return [heading, ...checks].join('\n');
  });
  const description = [
    `Remediation after acceptance: Loki ran black-box checks against the merged product (started with its start command, from a fresh copy of main) and these did not hold:`,
    ...sections,
    'Fix the product so that it really behaves as expected: no special case for the check, no change that only fools it. Add or update a test of your own that fails on the old code and passes on the fix.',
  ].join('\n');
  const criteria = failing.map((criterion) =>
    criterion.heldOut
      ? `the acceptance check of a held-out criterion passes: ${criterion.checks
          .filter((check) => !check.passed)
          .map((check) => `${check.subject} gives ${check.expected}`)
          .join('; ')}`
      : criterion.text,
  );
  return [
    {
      task: {
        id: taskIdOf('acceptance', `r${round}`),
        name: `Meet ${failing.length} acceptance criteri${failing.length === 1 ? 'on' : 'a'}`,
        role: 'backend',
        description: redactHeldOut(description, brief),
        acceptanceCriteria: [
          ...criteria.map((text) => redactHeldOut(text, brief)),
          'every test passes',
        ],
        dependsOn: [],
      },
      scope: [],
      findingIds: failing.map((criterion) => criterion.id),
    },
  ];
}
