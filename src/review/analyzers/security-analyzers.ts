import type { Clock } from '../../core/index.ts';
import { scanDirectory } from '../../guard/index.ts';
import type { AnalyzerFinding, SourceSet } from './analyzer-finding.ts';
import { analyzeWithEslintSecurity } from './eslint-security.ts';

/**
 * The security reviewer's facts: the guard's audit of the product (injection, secrets,
 * Trojan Source, homoglyphs) on the reviewed files, then eslint-plugin-security's rules.
 */
export async function analyzeSecurity(
  sources: SourceSet,
  options: { signal?: AbortSignal; clock?: Clock } = {},
): Promise<AnalyzerFinding[]> {
  const report = await scanDirectory(sources.root, {
    signal: options.signal,
    clock: options.clock,
  });
  const guardFindings: AnalyzerFinding[] = report.findings
    .filter((finding) => sources.files.has(finding.file))
    .map((finding) => ({
      reviewer: 'security',
      severity: finding.severity,
      file: finding.file,
      line: finding.line,
      title: finding.message,
      detail: finding.fixHint,
      rule: `guard/${finding.ruleId}`,
    }));
  return [...guardFindings, ...analyzeWithEslintSecurity(sources)];
}
