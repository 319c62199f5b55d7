import { z } from 'zod';
import {
  findingCategories,
  severities,
  severityRank,
  type Finding,
  type Severity,
} from './finding.ts';

const threshold = z.enum([...severities, 'never']);

/**
 * What fails an audit, and what it reads. The defaults: a bidi control or an invisible
 * character in code, a homoglyph identifier or a raw control character (unicode, high and up),
 * any secret (high and up), and critical injection (SQL, shell or eval built from values).
 */
export const auditPolicySchema = z
  .object({
    failOn: z
      .object({
        unicode: threshold.default('high'),
        secret: threshold.default('high'),
        injection: threshold.default('critical'),
      })
      .strict()
      .prefault({})
      .describe('Per category, the least severity that fails the audit ("never": report only)'),
    rules: z
      .record(z.string(), z.enum([...severities, 'off']))
      .default({})
      .describe('Per rule id, a severity that replaces the rule\'s own, or "off"'),
    ignore: z
      .array(z.string())
      .default([])
      .describe('Extra paths not to audit, in .gitignore syntax (.gitignore files are read too)'),
    maxFileBytes: z
      .int()
      .positive()
      .default(16 * 1024 * 1024)
      .describe('Larger files are not read; the report lists them as skipped'),
  })
  .strict();

export type AuditPolicy = z.infer<typeof auditPolicySchema>;
export type AuditPolicyInput = z.input<typeof auditPolicySchema>;

/** The default policy. */
export const defaultAuditPolicy: AuditPolicy = auditPolicySchema.parse({});

/** The policy with one failing severity for every category (`--fail-on`). */
export function failingFrom(policy: AuditPolicy, severity: Severity | 'never'): AuditPolicy {
  const failOn = Object.fromEntries(findingCategories.map((category) => [category, severity]));
  return { ...policy, failOn: failOn as AuditPolicy['failOn'] };
}

/** Findings with the policy's per-rule severities applied, and rules turned off dropped. */
export function applyRuleOverrides(findings: readonly Finding[], policy: AuditPolicy): Finding[] {
  return findings.flatMap((finding) => {
    const override = policy.rules[finding.ruleId];
    if (override === 'off') return [];
    return [override ? { ...finding, severity: override } : finding];
  });
}

/** Whether a finding fails the audit under the policy. */
export function isBlocking(finding: Finding, policy: AuditPolicy): boolean {
  const least = policy.failOn[finding.category];
  return least !== 'never' && severityRank(finding.severity) >= severityRank(least);
}
