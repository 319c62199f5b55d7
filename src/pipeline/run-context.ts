import type { Clock } from '../core/index.ts';
import type { LokiConfig } from '../config/index.ts';
import type { EventBus } from '../events/index.ts';
import type { Journal } from '../journal/index.ts';
import type { MemoryStore } from '../memory/index.ts';
import type { ModelGateway } from '../model/index.ts';
import type { Prd } from './prd.ts';

/** What every stage of one run is handed: the run's identity, its inputs and its services. */
export interface RunContext {
  runId: string;
  prd: Prd;
  /** The product's directory. */
  outDir: string;
  config: LokiConfig;
  journal: Journal;
  events: EventBus;
  gateway: ModelGateway;
  /** Lessons and macros that outlive runs. */
  memory: MemoryStore;
  /** Aborted when the run must stop (a limit, an interrupt); stages pass it to slow work. */
  signal: AbortSignal;
  clock: Clock;
}
