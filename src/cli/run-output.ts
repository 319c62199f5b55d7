import { createNdjsonSink, createTerminalProgress, type EventSink } from '../events/index.ts';

export interface RunOutput {
  sinks: EventSink[];
  /** Draws the final state and releases the terminal. */
  stop(): void;
}

/**
 * Where a run's events are shown: `--json` writes NDJSON to stdout and nothing else;
 * otherwise a progress view on stderr, leaving stdout for the result.
 */
export function createRunOutput(json: boolean): RunOutput {
  if (json) return { sinks: [createNdjsonSink(process.stdout)], stop: () => {} };
  const progress = createTerminalProgress({ stream: process.stderr });
  return { sinks: [progress.sink], stop: () => progress.stop() };
}

/**
 * An abort signal for Ctrl-C (and SIGTERM): the first stops the run cleanly at a resumable
 * point; a second one exits at once.
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nloki: stopping (press Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
