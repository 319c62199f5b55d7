import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { auditFailure } from './audit-gate.ts';
import { formatReportText } from './format-report.ts';
import { scanDirectory } from './scan-directory.ts';
import { writeTree } from './test-support.ts';

describe('the text report and the gate error', () => {
  it('tables the findings, marks those that fail, and ends with the verdict', async () => {
    const root = writeTree({
      'app.js': 'eval(req.body.code);\nconst s = "a\u200Bb";\n',
    });
    const report = await scanDirectory(root, { workers: 0 });
    const text = formatReportText(report);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+SEVERITY\s+LOCATION\s+RULE\s+MESSAGE$/);
    expect(lines[1]).toMatch(/^! critical\s+app\.js:1:1\s+injection\.eval\s+eval of a value/);
    expect(lines[2]).toMatch(/^\s+fix: Do not evaluate strings/);
    expect(lines[3]).toMatch(
      /^ {2}medium\s+app\.js:2:13\s+unicode\.invisible-character\s+U\+200B ZERO WIDTH SPACE/,
    );
    expect(lines.at(-1)).toMatch(
      /^Audit failed: 1 of 2 finding\(s\) fail the policy \(unicode >= high, secret >= high, injection >= critical\); 1 files, 0\.0 MB in \d+\.\d s\.$/,
    );
    expect(text).not.toContain('\u200B');
  });

  it('says a clean tree passed', async () => {
    const report = await scanDirectory(writeTree({ 'a.js': 'export {};\n' }), { workers: 0 });
    expect(formatReportText(report)).toMatch(/^Audit passed: 0 finding\(s\), none fail the policy/);
    expect(auditFailure(report)).toBeNull();
  });

  it('stops a run with guard.audit-failed naming the worst findings first', async () => {
    const root = writeTree({
      'a.js': 'el.innerHTML = html;\n',
      'b.js': 'const x = 1;\u202E\n',
      'c.py': 'os.system(f"ls {path}")\n',
    });
    const report = await scanDirectory(root, { workers: 0 });
    const error = auditFailure(report)!;
    expect(LokiError.isInstance(error)).toBe(true);
    expect(error.code).toBe('guard.audit-failed');
    expect(error.category).toBe('work-failed');
    expect(error.message).toContain(
      '2 finding(s) fail the policy: critical unicode.bidi-control at b.js:1:13; critical injection.python-os-system at c.py:1:1.',
    );
    expect(error.details).toMatchObject({
      blocking: 2,
      findings: 3,
      bySeverity: { critical: 2, high: 1 },
    });
    expect((error.details['top'] as unknown[]).length).toBe(2);
  });
});
