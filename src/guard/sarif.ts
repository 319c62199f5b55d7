import { pathToFileURL } from 'node:url';
import { isBlocking } from './audit-policy.ts';
import type { AuditReport } from './audit-report.ts';
import { severityRank, type Finding, type Severity } from './finding.ts';
import { describeRule } from './rule-catalog.ts';

/** A SARIF 2.1.0 log, as far as this module writes one. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifRun {
  tool: { driver: { name: string; rules: SarifRule[] } };
  originalUriBaseIds: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  invocations: { executionSuccessful: boolean; properties: Record<string, unknown> }[];
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn: number };
    };
  }[];
  properties: { severity: Severity; blocking: boolean; fixHint: string; codePoint?: string };
}

type SarifLevel = 'error' | 'warning' | 'note';

const levels: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
// GitHub code scanning reads `security-severity` (0–10) to rank alerts.
const scores: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};
const rootId = 'SRCROOT';

/**
 * The report as a SARIF 2.1.0 log (one run), for GitHub code scanning and other SARIF viewers:
 * one rule per rule id found, one result per finding, paths relative to the audited root.
 * The policy's verdict is on each result (`properties.blocking`) and on the invocation.
 */
export function toSarif(report: AuditReport): SarifLog {
  const ruleIds = [...new Set(report.findings.map((finding) => finding.ruleId))].sort();
  const worst = (id: string) =>
    report.findings
      .filter((finding) => finding.ruleId === id)
      .reduce<Finding | undefined>(
        (max, finding) =>
          !max || severityRank(finding.severity) > severityRank(max.severity) ? finding : max,
        undefined,
      )!;
  const rules: SarifRule[] = ruleIds.map((id) => {
    const description = describeRule(id);
    const example = worst(id);
    return {
      id,
      shortDescription: { text: description.title },
      help: { text: example.fixHint },
      defaultConfiguration: { level: levels[example.severity] },
      properties: {
        tags: ['security', description.category],
        'security-severity': scores[example.severity],
      },
    };
  });
  const results: SarifResult[] = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIds.indexOf(finding.ruleId),
    level: levels[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(finding.file), uriBaseId: rootId },
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    properties: {
      severity: finding.severity,
      blocking: isBlocking(finding, report.policy),
      fixHint: finding.fixHint,
      ...(finding.codePoint ? { codePoint: finding.codePoint } : {}),
    },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'loki-guard', rules } },
        originalUriBaseIds: {
          [rootId]: { uri: `${pathToFileURL(report.root).href.replace(/\/?$/, '/')}` },
        },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            properties: {
              passed: report.passed,
              filesScanned: report.filesScanned,
              bytesScanned: report.bytesScanned,
              durationMs: report.durationMs,
            },
          },
        ],
      },
    ],
  };
}

/** A relative path as a URI reference: each segment percent-encoded (`#`, `?`, spaces). */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
