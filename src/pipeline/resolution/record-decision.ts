import { LokiError, systemClock, type Clock } from '../../core/index.ts';
import type { Journal } from '../../journal/index.ts';
import { debateRecordSchema, type DebateRecord } from '../../mediation/index.ts';
import { debateCheckpoint, decisionCheckpoint } from './memory-conflicts.ts';

/** What a person may decide about an escalated memory conflict. */
export type PersonVerdict = 'remediate' | 'evolve';

export interface PersonDecision {
  runId: string;
  findingId: string;
  verdict: PersonVerdict;
  /** For `evolve`: the lesson as it should read from now on. */
  lesson?: string;
  clock?: Clock;
}

/** The escalated conflicts of a run no person has decided yet, as the mediator left them. */
export function pendingDecisions(journal: Journal, runId: string): DebateRecord[] {
  const prefix = debateCheckpoint('');
  return journal
    .listCheckpoints(runId)
    .filter((checkpoint) => checkpoint.stage.startsWith(prefix))
    .flatMap((checkpoint) => debateRecordSchema.safeParse(checkpoint.output).data ?? [])
    .filter(
      (debate) =>
        debate.decision.decision === 'ESCALATE' &&
        !journal.getCheckpoint(runId, decisionCheckpoint(debate.findingId)),
    );
}

/**
 * Records a person's decision on a conflict the mediator escalated (`loki decide`), in the
 * journal beside the mediator's record; the resumed run carries it out. Returns the conflicts
 * still waiting for a decision.
 */
export function recordPersonDecision(journal: Journal, decision: PersonDecision): DebateRecord[] {
  const { runId, findingId, verdict } = decision;
  const run = journal.getRun(runId);
  if (!run) {
    throw badDecision(
      'run.not-found',
      `there is no run "${runId}" in ${journal.path}; list runs with loki runs`,
    );
  }
  if (run.status !== 'needs_decision') {
    throw badDecision(
      'decision.not-pending',
      `run ${runId} is ${run.status}, not waiting for a decision; only a run paused with status needs_decision can be decided`,
    );
  }
  const pending = pendingDecisions(journal, runId);
  const debate = pending.find((candidate) => candidate.findingId === findingId);
  if (!debate) {
    throw badDecision(
      'decision.unknown-finding',
      `run ${runId} has no escalated conflict "${findingId}" waiting for a decision; waiting: ${pending.map((candidate) => candidate.findingId).join(', ') || 'none'}`,
    );
  }
  const lesson = decision.lesson?.trim();
  if (verdict === 'evolve' && !lesson) {
    throw badDecision(
      'decision.lesson-missing',
      `an evolve decision gives the lesson as it should read from now on: loki decide ${runId} ${findingId} evolve --lesson "…"`,
    );
  }
  if (verdict === 'remediate' && lesson) {
    throw badDecision(
      'decision.lesson-unexpected',
      '--lesson goes with evolve; a remediate decision keeps the lesson as it is',
    );
  }
  const record: DebateRecord = {
    ...debate,
    decidedBy: 'person',
    decision:
      verdict === 'evolve'
        ? {
            decision: 'EVOLVE',
            justification: 'A person decided with loki decide: the lesson evolves.',
            evolvedLesson: lesson,
          }
        : {
            decision: 'REMEDIATE',
            justification: 'A person decided with loki decide: the code must keep the lesson.',
            remediation: 'Change the code so that it keeps the lesson.',
          },
  };
  journal.saveCheckpoint({
    runId,
    stage: decisionCheckpoint(findingId),
    output: debateRecordSchema.parse(record),
    at: (decision.clock ?? systemClock).now(),
  });
  return pending.filter((candidate) => candidate.findingId !== findingId);
}

function badDecision(code: string, message: string): LokiError {
  return new LokiError({ code, category: 'bad-input', message });
}
