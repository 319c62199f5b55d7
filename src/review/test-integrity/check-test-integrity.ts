import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { git } from '../../workspace/index.ts';
import { addedFindings, changedExpectations, deletedTests } from './compare-with-base.ts';
import { coverageExclusions, fileFindings, type Subject } from './file-findings.ts';
import type { IntegrityFinding } from './integrity-finding.ts';
import { javascriptTestFacts } from './javascript-test-facts.ts';
import { pythonTestFacts } from './python-test-facts.ts';
import { sourceFiles } from './source-files.ts';
import {
  isTestFile,
  namedAsTest,
  sourceLanguage,
  subjectName,
  type TestLanguage,
} from './test-file-kind.ts';
import type { TestFileFacts } from './test-facts.ts';

export interface TestIntegrityReport {
  findings: IntegrityFinding[];
  /** Test files read (in the head), and the test cases in them. */
  testFiles: number;
  testCases: number;
  /** The commit compared against, or null when the whole tree was judged as it is. */
  base: string | null;
}

/**
 * The test-integrity gate's analysis of a project: tests that assert nothing or cannot fail,
 * skipped or focused tests, the module under test mocked, coverage exclusions — and, against
 * `base` (a commit), tests and test files deleted and expected values edited alongside the
 * code they check. With a base only what the change added counts.
 */
export async function checkTestIntegrity(
  root: string,
  options: {
    base?: string;
    /**
     * The code files the change touched, when `base` is a step within a larger change (a
     * round of a task) and the code may have changed before it; default: those changed since `base`.
     */
    changedCode?: readonly string[];
  } = {},
): Promise<TestIntegrityReport> {
  const base = options.base ?? null;
  const files = await sourceFiles(root);
  const changed = base ? await changedSince(root, base) : null;
  const findings: IntegrityFinding[] = [];
  let testCases = 0;
  const testFiles = files.filter(isTestFile);
  const changedCode =
    options.changedCode ??
    (changed ? [...changed.modified] : []).filter(
      (file) => sourceLanguage(file) && !isTestFile(file),
    );
  for (const file of files) {
    if (changed && !changed.modified.has(file)) continue;
    const text = await readFile(join(root, file), 'utf8');
    const previous = changed
      ? await contentAt(root, base ?? '', changed.renamedFrom.get(file) ?? file)
      : null;
    const language = sourceLanguage(file) as TestLanguage;
    let found = coverageExclusions(file, text);
    let baseFound = previous === null ? [] : coverageExclusions(file, previous);
    if (isTestFile(file)) {
      const facts = factsOf(language, file, text);
      testCases += facts.cases.length;
      const subject = await subjectOf(root, file, files);
      found = [...found, ...fileFindings(file, language, facts, subject)];
      if (previous !== null) {
        const before = factsOf(language, file, previous);
        baseFound = [...baseFound, ...fileFindings(file, language, before, subject)];
        found = [
          ...found,
          ...deletedTests(file, facts, before),
          ...changedExpectations(file, facts, before, changedCode),
        ];
      }
    }
    findings.push(...(previous === null ? found : addedFindings(found, baseFound)));
  }
  if (changed) {
    for (const file of changed.deleted) {
      if (!isTestFile(file)) continue;
      const previous = await contentAt(root, base ?? '', file);
      const language = sourceLanguage(file) as TestLanguage;
      const hadTests = previous !== null && factsOf(language, file, previous).cases.length > 0;
      if (!namedAsTest(file) && !hadTests) continue;
      findings.push({
        rule: 'test-file-deleted',
        file,
        line: 0,
        message: `the test file ${file} was deleted, and its tests with it`,
      });
    }
  }
  if (!changed) testCases = await countCases(root, testFiles);
  return { findings: findings.sort(byPlace), testFiles: testFiles.length, testCases, base };
}

function factsOf(language: TestLanguage, file: string, text: string): TestFileFacts {
  return language === 'javascript' ? javascriptTestFacts(file, text) : pythonTestFacts(text);
}

async function countCases(root: string, testFiles: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of testFiles) {
    const language = sourceLanguage(file) as TestLanguage;
    total += factsOf(language, file, await readFile(join(root, file), 'utf8')).cases.length;
  }
  return total;
}

function byPlace(a: IntegrityFinding, b: IntegrityFinding): number {
  return a.file.localeCompare(b.file) || a.line - b.line;
}

interface Changes {
  /** Added or modified in the working tree (tracked or not), by path in the head. */
  modified: Set<string>;
  deleted: Set<string>;
  /** New path → old path, for renamed files. */
  renamedFrom: Map<string, string>;
}

async function changedSince(root: string, base: string): Promise<Changes> {
  const changes: Changes = { modified: new Set(), deleted: new Set(), renamedFrom: new Map() };
  const { stdout } = await git(root, ['diff', '--name-status', '-M', '-z', base, '--']);
  const fields = stdout.split('\0').filter(Boolean);
  for (let index = 0; index < fields.length;) {
    const status = fields[index++] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[index++] ?? '';
      const to = fields[index++] ?? '';
      changes.modified.add(to);
      changes.renamedFrom.set(to, from);
    } else {
      const file = fields[index++] ?? '';
      (status === 'D' ? changes.deleted : changes.modified).add(file);
    }
  }
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  for (const file of untracked.stdout.split('\0').filter(Boolean)) changes.modified.add(file);
  return changes;
}

/** A file's text at a commit, or null when it did not exist there. */
async function contentAt(root: string, commit: string, file: string): Promise<string | null> {
  const shown = await git(root, ['show', `${commit}:${file}`], { allowFailure: true });
  return shown.exitCode === 0 ? shown.stdout : null;
}

async function subjectOf(
  root: string,
  testFile: string,
  files: readonly string[],
): Promise<Subject> {
  const path = subjectName(testFile);
  const definitions = new Set<string>();
  if (testFile.endsWith('.py')) {
    const module = `${posix.basename(path)}.py`;
    const source = files.find(
      (file) => (file === module || file.endsWith(`/${module}`)) && !isTestFile(file),
    );
    if (source) {
      const text = await readFile(join(root, source), 'utf8');
      for (const match of text.matchAll(/^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/gm))
        if (match[1]) definitions.add(match[1]);
    }
  }
  return { path, definitions };
}
