import {
  auditPolicySchema,
  applyRuleOverrides,
  isBlocking,
  type AuditPolicyInput,
} from './audit-policy.ts';
import { compareFindings, type Finding } from './finding.ts';
import { LineIndex } from './line-index.ts';
import { describeHit, findSuspiciousCharacters } from './scan-characters.ts';
import { findSecrets } from './scan-secrets.ts';

/** What scanning a PRD found, and whether it may be used under the policy. */
export interface PrdScan {
  passed: boolean;
  findings: Finding[];
}

/**
 * Scans a PRD before any of it reaches a model. Text bound for a model is judged as such:
 * tag characters (invisible text a model reads) are critical, bidi controls high, other
 * invisible characters medium; a secret in a PRD would be sent to the model's provider, so it
 * is reported as anywhere else. `file` names the PRD in findings.
 */
export async function scanPrd(
  text: string,
  options: { file?: string; policy?: AuditPolicyInput } = {},
): Promise<PrdScan> {
  const file = options.file ?? 'PRD';
  const policy = auditPolicySchema.parse(options.policy ?? {});
  const lines = new LineIndex(text);
  const found: Finding[] = [];
  for (const hit of findSuspiciousCharacters(text, () => 'prompt')) {
    found.push({
      category: 'unicode',
      severity: hit.severity,
      file,
      ...lines.positionOf(hit.offset),
      ...describeHit(hit),
    });
  }
  for (const hit of await findSecrets(`${file}.md`, text, true)) {
    const { offset, ...rest } = hit;
    found.push({ category: 'secret', file, ...lines.positionOf(offset), ...rest });
  }
  const findings = applyRuleOverrides(found, policy).sort(compareFindings);
  return { passed: !findings.some((finding) => isBlocking(finding, policy)), findings };
}
