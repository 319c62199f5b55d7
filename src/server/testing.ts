// Test support for the server: a journal of real recorded runs, shared by the tests of a file.
import type { Journal } from '../journal/index.ts';
import type { RunOutcome } from '../pipeline/index.ts';
import { openTempJournal, recordSampleRuns } from '../pipeline/stats/testing.ts';

export interface RecordedJournal {
  journal: Journal;
  /** The four sample runs, oldest first: succeeded, failed, succeeded, succeeded. */
  outcomes: RunOutcome[];
  /** Closes the journal and removes every file made; call it in `afterAll`. */
  cleanUp(): void;
}

/** Records the sample runs into a fresh journal, outside any one test (for `beforeAll`). */
export async function recordJournalOfRuns(): Promise<RecordedJournal> {
  const cleanUps: (() => void)[] = [];
  const defer = (cleanUp: () => void) => cleanUps.push(cleanUp);
  const journal = openTempJournal(defer);
  const outcomes = await recordSampleRuns(journal, defer);
  return {
    journal,
    outcomes,
    cleanUp: () => {
      for (const cleanUp of cleanUps.reverse()) cleanUp();
    },
  };
}
