import { describe, expect, it } from 'vitest';
import {
  applyRuleOverrides,
  auditPolicySchema,
  defaultAuditPolicy,
  failingFrom,
  isBlocking,
} from './audit-policy.ts';
import type { Finding, FindingCategory, Severity } from './finding.ts';

const finding = (
  category: FindingCategory,
  severity: Severity,
  ruleId = `${category}.rule`,
): Finding => ({
  ruleId,
  category,
  severity,
  file: 'a.js',
  line: 1,
  column: 1,
  message: 'm',
  fixHint: 'f',
});

describe('the audit policy', () => {
  it('fails by default on unicode and secrets from high, and on critical injection only', () => {
    const blocks = (category: FindingCategory, severity: Severity) =>
      isBlocking(finding(category, severity), defaultAuditPolicy);
    expect(blocks('unicode', 'high')).toBe(true);
    expect(blocks('unicode', 'medium')).toBe(false);
    expect(blocks('secret', 'high')).toBe(true);
    expect(blocks('secret', 'low')).toBe(false);
    expect(blocks('injection', 'critical')).toBe(true);
    expect(blocks('injection', 'high')).toBe(false);
  });

  it('can fail on one severity for every category, or on nothing', () => {
    const strict = failingFrom(defaultAuditPolicy, 'low');
    expect(isBlocking(finding('injection', 'low'), strict)).toBe(true);
    expect(isBlocking(finding('unicode', 'info'), strict)).toBe(false);
    const lenient = failingFrom(defaultAuditPolicy, 'never');
    expect(isBlocking(finding('secret', 'critical'), lenient)).toBe(false);
  });

  it('changes or turns off a rule by id', () => {
    const policy = auditPolicySchema.parse({
      rules: { 'injection.eval': 'off', 'unicode.rule': 'low' },
    });
    const findings = applyRuleOverrides(
      [finding('injection', 'critical', 'injection.eval'), finding('unicode', 'critical')],
      policy,
    );
    expect(findings.map((each) => [each.ruleId, each.severity])).toEqual([['unicode.rule', 'low']]);
  });

  it('rejects unknown settings and severities, naming them', () => {
    expect(auditPolicySchema.safeParse({ failOn: { unicode: 'severe' } }).success).toBe(false);
    expect(auditPolicySchema.safeParse({ failsOn: {} }).success).toBe(false);
    expect(auditPolicySchema.safeParse({ failOn: { secrets: 'high' } }).success).toBe(false);
  });
});
