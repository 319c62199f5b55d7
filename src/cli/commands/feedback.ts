import { existsSync } from 'node:fs';
import { LokiError } from '../../core/index.ts';
import {
  checkRating,
  openMemoryStore,
  recordFeedback,
  resolveMemoryLocation,
} from '../../memory/index.ts';
import { journalPathOf, openJournal } from '../open-journal.ts';

export interface FeedbackOptions {
  /** 1 (bad) to 5 (great). */
  rating: number;
  text: string;
  /** The journal holding the run (default: ./.loki/journal.db; env LOKI_JOURNAL). */
  journal?: string;
  /** The memory store: a file path or a postgres:// URL (env LOKI_MEMORY_URL, LOKI_MEMORY_PATH). */
  memory?: string;
  json?: boolean;
}

/**
 * `loki feedback <run> --rating 1..5 "text"`: stores a person's verdict on a run as a memory
 * that later builds learn from. The run must be in the journal, so a mistyped id is caught;
 * feedback given again on the same run replaces the earlier one.
 */
export async function feedbackCommand(runId: string, options: FeedbackOptions): Promise<number> {
  const rating = checkRating(options.rating);
  if (!options.text?.trim()) {
    throw new LokiError({
      code: 'feedback.empty',
      category: 'bad-input',
      message: `say what was good or bad about the run, e.g. loki feedback ${runId} --rating ${rating} "the API had no pagination"`,
      details: { runId },
    });
  }
  const configuredJournal = options.journal ?? process.env['LOKI_JOURNAL'];
  const journalPath = journalPathOf(configuredJournal, process.cwd());
  // Opening a journal creates it; a folder without one has no runs to give feedback on.
  const known = existsSync(journalPath) && hasRun(configuredJournal, runId);
  if (!known) {
    throw new LokiError({
      code: 'run.not-found',
      category: 'bad-input',
      message: `there is no run "${runId}" in ${journalPath}; list runs with loki runs, or point to the project's journal with --journal`,
      details: { runId, journal: journalPath },
    });
  }
  const location = resolveMemoryLocation({ target: options.memory, env: process.env });
  await using memory = await openMemoryStore(location);
  const { item, merged } = await recordFeedback(memory, { runId, rating, text: options.text });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...item, merged })}\n`);
  } else {
    process.stdout.write(
      `${merged ? 'Updated the' : 'Recorded'} feedback on run ${runId} (rating ${rating}/5) as ${item.id} in ${memory.location}\n`,
    );
  }
  return 0;
}

function hasRun(configuredJournal: string | undefined, runId: string): boolean {
  using journal = openJournal(configuredJournal);
  return journal.getRun(runId) !== undefined;
}
