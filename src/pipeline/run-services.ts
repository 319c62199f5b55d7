import type { Clock, IdGenerator } from '../core/index.ts';
import type { EventSink } from '../events/index.ts';
import type { Journal } from '../journal/index.ts';
import type { MemoryStore } from '../memory/index.ts';
import type { Environment, createLanguageModel } from '../model/index.ts';

/** The outside world a run uses, handed in so tests can hand in their own. */
export interface RunServices {
  journal: Journal;
  env: Environment;
  /** The memory store; when absent, the one the environment names is opened for the run. */
  memory?: MemoryStore;
  clock?: Clock;
  generateId?: IdGenerator;
  /** Where events go besides the journal: the terminal, NDJSON, a dashboard. */
  sinks?: readonly EventSink[];
  /** Aborts the run from outside (Ctrl-C, an API call); the run stops resumable. */
  signal?: AbortSignal;
  /** Builds language models; tests hand in scripted ones. */
  createModel?: typeof createLanguageModel;
  /** Used to check that local model servers answer before a run starts. */
  fetch?: typeof fetch;
}
