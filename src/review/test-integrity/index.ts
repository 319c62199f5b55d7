export { checkTestIntegrity, type TestIntegrityReport } from './check-test-integrity.ts';
export {
  integrityFindingSchema,
  integrityRules,
  describeIntegrityFinding,
  type IntegrityFinding,
  type IntegrityRule,
} from './integrity-finding.ts';
export { isTestFile, namedAsTest } from './test-file-kind.ts';
