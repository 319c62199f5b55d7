import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockingFindings } from './audit-report.ts';
import { scanDirectory } from './scan-directory.ts';

const repository = join(import.meta.dirname, '..', '..');

/**
 * Ordinary code nobody attacked: this repository's own source and a few packages it installs.
 * Every finding here that fails the audit is a false positive of the policy (the code is not
 * an attack and holds no live secret), so their number is the false-positive rate we promise.
 */
const ordinaryTrees = ['src', 'node_modules/zod', 'node_modules/commander', 'node_modules/@ai-sdk'];

describe('false positives on ordinary code', () => {
  it('fail the audit at most a few times in 20 MB', async () => {
    let files = 0;
    let bytes = 0;
    const findings: string[] = [];
    const blocking: string[] = [];
    for (const tree of ordinaryTrees) {
      const report = await scanDirectory(join(repository, tree), { workers: 0 });
      files += report.filesScanned;
      bytes += report.bytesScanned;
      const label = (finding: (typeof report.findings)[number]) =>
        `${finding.severity} ${finding.ruleId} ${tree}/${finding.file}:${finding.line}`;
      findings.push(...report.findings.map(label));
      blocking.push(...blockingFindings(report).map(label));
    }
    const megabytes = bytes / 1_000_000;
    console.log(
      `guard false positives: ${blocking.length} failing finding(s) in ${files} files / ${megabytes.toFixed(1)} MB ` +
        `(${((blocking.length / files) * 1_000).toFixed(2)} per 1000 files); ${findings.length} finding(s) of any severity ` +
        `(${(findings.length / megabytes).toFixed(2)} per MB)\n  ${blocking.join('\n  ')}`,
    );
    expect(megabytes).toBeGreaterThan(10);
    expect(blocking.length).toBeLessThanOrEqual(3);
    expect(findings.length / megabytes).toBeLessThan(2);
  }, 120_000);
});
