import { homedir } from 'node:os';
import { loadConfig } from '../../config/index.ts';
import { ModelCatalog, keyVariableOf } from '../../model/index.ts';

/** `loki config`: the resolved configuration, which model serves each role, and which keys are set. */
export async function configCommand(options: { model?: string; config?: string }): Promise<number> {
  const { config, sources } = await loadConfig({
    cwd: process.cwd(),
    homeDir: homedir(),
    env: process.env,
    configPath: options.config,
    flags: { model: options.model },
  });
  // Only names models; no provider is created or contacted.
  const catalog = new ModelCatalog(config, process.env);
  const keys = Object.fromEntries(
    catalog.distinctSpecs().flatMap((spec) => {
      const variable = keyVariableOf(spec, config);
      return variable ? [[variable, process.env[variable] ? 'set (value hidden)' : 'not set']] : [];
    }),
  );
  const report = { sources, models: catalog.describe(), keys, config };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}
