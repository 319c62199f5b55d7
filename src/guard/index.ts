export {
  findingSchema,
  findingCategories,
  severities,
  severityRank,
  type Finding,
  type FindingCategory,
  type Severity,
} from './finding.ts';
export {
  auditPolicySchema,
  defaultAuditPolicy,
  failingFrom,
  isBlocking,
  type AuditPolicy,
  type AuditPolicyInput,
} from './audit-policy.ts';
export { auditReportSchema, blockingFindings, type AuditReport } from './audit-report.ts';
export { scanDirectory, type ScanDirectoryOptions } from './scan-directory.ts';
export { scanText } from './scan-text.ts';
export { scanPrd, type PrdScan } from './scan-prd.ts';
export { fenceAsData, revealHiddenCharacters } from './fence-as-data.ts';
export { toSarif, type SarifLog } from './sarif.ts';
export { formatReportText, summaryLine } from './format-report.ts';
export { auditFailure } from './audit-gate.ts';
