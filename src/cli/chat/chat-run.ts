import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import type { EventSink, RunSummary } from '../../events/index.ts';
import { parsePrd, startRun } from '../../pipeline/index.ts';
import { openJournal } from '../open-journal.ts';

/** What `loki chat` was started with; the same meaning as on `loki run`. */
export interface ChatRunOptions {
  model?: string;
  baseUrl?: string;
  config?: string;
  journal?: string;
  memory?: string;
}

/**
 * Runs a PRD given as chat text, as `loki run -` would: same config layers, same `startRun`;
 * the product goes to `loki-out/<PRD title>`.
 */
export async function runChatPrd(
  text: string,
  options: ChatRunOptions,
  sink: EventSink,
  signal: AbortSignal,
): Promise<RunSummary> {
  const prd = parsePrd(text, null);
  const { config, input } = await loadConfig({
    cwd: process.cwd(),
    homeDir: homedir(),
    env: process.env,
    configPath: options.config,
    flags: {
      model: options.model,
      baseUrl: options.baseUrl,
      journal: options.journal,
      memory: options.memory,
    },
  });
  using journal = openJournal(config.journal);
  const outDir = resolve(`loki-out/${slugOf(prd.title)}`);
  const { summary } = await startRun(
    { prd, outDir, config: input, kind: 'run' },
    { journal, env: process.env, sinks: [sink], signal },
  );
  return summary;
}

/** A directory name from a PRD title: `Todo API` → `todo-api`. */
function slugOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'prd';
}
