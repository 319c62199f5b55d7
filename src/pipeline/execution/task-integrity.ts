import {
  checkTestIntegrity,
  describeIntegrityFinding,
  isTestFile,
  type IntegrityFinding,
} from '../../review/test-integrity/index.ts';
import { git, type ProductRepository } from '../../workspace/index.ts';
import type { RunContext } from '../run-context.ts';
import type { Task } from '../task-graph.ts';

/** What the orchestrator found weakened in a task's tests; `feedback` is null when nothing blocks. */
export interface TaskIntegrity {
  findings: IntegrityFinding[];
  feedback: string | null;
}

/**
 * Judges a task's change for tests weakened instead of code fixed — deleted, skipped,
 * asserting nothing, unable to fail, the subject mocked, expectations edited with the code —
 * as the test-integrity gate does: against where the task branched from main, and against
 * the worktree as it was when its tests last failed (`lastFailure`), since a test the task
 * itself wrote and then weakened is new to main. Each finding is an event; blocking ones come
 * back as feedback the agent must act on.
 */
export async function checkTaskIntegrity(
  context: Pick<RunContext, 'config' | 'events'>,
  task: Task,
  worktree: string,
  repository: ProductRepository,
  lastFailure: string | null,
): Promise<TaskIntegrity> {
  const mode = context.config.gates.testIntegrity;
  if (mode === 'off') return { findings: [], feedback: null };
  const base = (await git(worktree, ['merge-base', 'HEAD', repository.mainBranch])).stdout.trim();
  const sinceBranching = await checkTestIntegrity(worktree, { base });
  const findings = [...sinceBranching.findings];
  if (lastFailure !== null) {
    const changedCode = (await changedSince(worktree, base)).filter((file) => !isTestFile(file));
    const sinceFailure = await checkTestIntegrity(worktree, { base: lastFailure, changedCode });
    const known = new Set(findings.map(placeOf));
    findings.push(...sinceFailure.findings.filter((finding) => !known.has(placeOf(finding))));
  }
  for (const finding of findings) {
    context.events.emit({
      type: 'finding-raised',
      stage: 'execution',
      source: 'test-integrity',
      severity: 'high',
      file: finding.file,
      line: finding.line,
      title: `${task.id}: ${finding.rule}: ${finding.message}`,
      blocking: mode === 'block',
      lessonId: null,
    });
  }
  if (mode !== 'block' || findings.length === 0) return { findings, feedback: null };
  return {
    findings,
    feedback: `The orchestrator checked your change to the tests and found them weakened instead of the code fixed:\n${findings.map((finding) => `- ${describeIntegrityFinding(finding)}`).join('\n')}\n\nPut back every test you deleted, skipped or weakened (restore the expected values unless the task's requirements changed them), make each test assert the behaviour it is about, and fix the code until the real tests pass.`,
  };
}

/** The worktree's files as they are now, as a git tree: what a later round is compared with. */
export async function snapshotWorktree(worktree: string): Promise<string> {
  await git(worktree, ['add', '--all']);
  return (await git(worktree, ['write-tree'])).stdout.trim();
}

function placeOf(finding: IntegrityFinding): string {
  return `${finding.rule}\0${finding.file}\0${finding.line}`;
}

async function changedSince(worktree: string, base: string): Promise<string[]> {
  await git(worktree, ['add', '--all']);
  const { stdout } = await git(worktree, ['diff', '--name-only', '--cached', '-z', base]);
  return stdout.split('\0').filter(Boolean);
}
