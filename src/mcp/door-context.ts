import { resolve } from 'node:path';
import { loadConfig, type LokiConfigInput, type ResolvedConfig } from '../config/index.ts';
import { Journal } from '../journal/index.ts';
import { openMemoryStore, resolveMemoryLocation, type MemoryStore } from '../memory/index.ts';

/** Where the MCP server works: the project it was started in, and its environment. */
export interface DoorContext {
  cwd: string;
  homeDir: string;
  env: NodeJS.ProcessEnv;
  /** A project config file other than `<cwd>/loki.config.json`. */
  configPath?: string;
}

/** The project's configuration, as the CLI resolves it, with a call's options as the last layer. */
export function configOf(
  context: DoorContext,
  flags: Partial<LokiConfigInput> = {},
): Promise<ResolvedConfig> {
  return loadConfig({
    cwd: context.cwd,
    homeDir: context.homeDir,
    env: context.env,
    configPath: context.configPath,
    flags,
  });
}

/** The project's run journal, as the CLI finds it (`.loki/journal.db` unless configured). */
export function openProjectJournal(context: DoorContext, configured: string | undefined): Journal {
  return Journal.open(resolve(context.cwd, configured ?? '.loki/journal.db'));
}

/** The memory store the config and environment name, as a run would open it. */
export async function openProjectMemory(context: DoorContext): Promise<MemoryStore> {
  const { config } = await configOf(context);
  return openMemoryStore(
    resolveMemoryLocation({
      target: config.memory,
      env: context.env,
      home: context.homeDir,
      cwd: context.cwd,
    }),
  );
}
