import { atOrAbove, type ReviewFinding } from '../../review/index.ts';
import type { Task } from '../task-graph.ts';
import type { Remediation } from './conflict-resolution-output.ts';

/** A finding to fix, with what the mediator (or a person) said must change, if it was debated. */
export interface FindingToFix {
  finding: ReviewFinding;
  /** For a memory conflict decided REMEDIATE: the lesson, and what must change. */
  lesson?: { id: string; text: string; remediation: string };
}

/** Work for one sub-agent: the task and the files it may touch. */
export interface RemediationWork {
  task: Task;
  scope: string[];
  findingIds: string[];
  /** The quality gate it must make pass, for gate remediation. */
  gate?: Remediation['gate'];
}

/** Triage: critical and high findings from any reviewer are fixed; the rest go to the report. */
export function mustFix(finding: ReviewFinding): boolean {
  return atOrAbove(finding.severity, 'high');
}

/** Test files may always change, so they never decide a task's role alone (see keepInScope). */
const testFile = /(^|\/)(tests?|__tests__|spec)\/|[._-](test|spec)\.[a-z]+$|(^|\/)test_[^/]+\.py$/;

/** The kind of sub-agent that fits a file: its speciality decides how it fixes things. */
export function roleForFile(file: string, findings: readonly ReviewFinding[] = []): Task['role'] {
  if (testFile.test(file)) return 'tests';
  if (/\.(md|mdx|rst|txt|adoc)$/i.test(file)) return 'docs';
  if (/(^|\/)(Dockerfile|docker-compose[^/]*|\.github\/.*|.*\.ya?ml)$/i.test(file)) return 'devops';
  if (/\.(sql)$/i.test(file) || /(^|\/)migrations?\//.test(file)) return 'data';
  if (findings.length > 0 && findings.every((finding) => finding.reviewer === 'security'))
    return 'security';
  if (/\.(tsx|jsx|vue|svelte|css|scss|html)$/i.test(file)) return 'frontend';
  return 'backend';
}

/** A task id from its words: kebab-case, as the task graph requires, and not too long. */
export function taskIdOf(...words: string[]): string {
  const slug = words
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length <= 60 ? slug : `${slug.slice(0, 51)}-${hashOf(slug)}`;
}

function hashOf(text: string): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(36).slice(0, 8);
}

function describe(fix: FindingToFix): string {
  const { finding, lesson } = fix;
  const where = finding.line > 0 ? `${finding.file}:${finding.line}` : finding.file;
  const lines = [
    `- [${finding.severity}] ${finding.title} (${where}, ${finding.reviewer} reviewer, ${finding.rule})`,
  ];
  if (finding.detail.trim()) lines.push(`  ${finding.detail.trim().replace(/\n/g, '\n  ')}`);
  if (lesson) {
    lines.push(`  It breaks the lesson [${lesson.id}]: ${lesson.text}`);
    lines.push(`  Decided: remediate. What must change: ${lesson.remediation}`);
  }
  return lines.join('\n');
}

/**
 * One remediation task per file, for the findings in that file: scoped to the file (and tests,
 * which may always change), so a fix cannot wander into code nobody found wrong.
 */
export function remediationWork(fixes: readonly FindingToFix[], round: number): RemediationWork[] {
  const byFile = new Map<string, FindingToFix[]>();
  for (const fix of fixes)
    byFile.set(fix.finding.file, [...(byFile.get(fix.finding.file) ?? []), fix]);
  return [...byFile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, group]) => ({
      task: {
        id: taskIdOf('fix', `r${round}`, file),
        name: `Fix ${group.length} finding${group.length === 1 ? '' : 's'} in ${file}`,
        role: roleForFile(
          file,
          group.map((fix) => fix.finding),
        ),
        description: [
          `Remediation after review: fix these findings in ${file}. Change only ${file} (and its tests); other files are put back as they were.`,
          ...group.map(describe),
          'Add or update a test that fails on the old code and passes on the fix.',
        ].join('\n'),
        acceptanceCriteria: group.map(
          (fix) => `${fix.finding.title} (${fix.finding.file}:${fix.finding.line}) no longer holds`,
        ),
        dependsOn: [],
      },
      scope: [file],
      findingIds: group.map((fix) => fix.finding.id),
    }));
}
