import { z } from 'zod';

/** What the test-integrity analyzers look for. */
export const integrityRules = [
  'no-assertion',
  'constant-assertion',
  'skipped-test',
  'focused-test',
  'empty-test-file',
  'test-deleted',
  'test-file-deleted',
  'expectation-changed',
  'mocked-subject',
  'coverage-exclusion',
] as const;
export type IntegrityRule = (typeof integrityRules)[number];

/** A way a change weakens the tests instead of making the code pass them; a fact, not an opinion. */
export const integrityFindingSchema = z.object({
  rule: z.enum(integrityRules),
  /** Relative to the project's root, forward slashes. */
  file: z.string(),
  line: z.number().int().nonnegative(),
  message: z.string(),
});
export type IntegrityFinding = z.infer<typeof integrityFindingSchema>;

/** "path:line rule: message", one line per finding, for people and the fixing agent. */
export function describeIntegrityFinding(finding: IntegrityFinding): string {
  return `${finding.file}:${finding.line} ${finding.rule}: ${finding.message}`;
}
