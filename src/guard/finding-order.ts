// The parts of a finding that code reading files needs at run time, apart from the zod schema
// in finding.ts: a scanning worker thread then never loads zod (a tenth of a second each).
import type { Finding } from './finding.ts';

/** How bad a finding is, mildest first; a policy fails the audit from a chosen level up. */
export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** What a finding is about; the policy sets a failing level per category. */
export const findingCategories = ['unicode', 'secret', 'injection'] as const;
export type FindingCategory = (typeof findingCategories)[number];

/** The rank of a severity: higher is worse. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

/** Findings in report order: by file, then position, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
