import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { LokiError, describeZodIssues, parseJson } from '../core/index.ts';
import { parseModelSpec } from '../model/index.ts';
import {
  commandLineFlagOf,
  environmentLayer,
  environmentSource,
  environmentVariableOf,
  mergeLayers,
  type ConfigLayer,
} from './config-layers.ts';
import { lokiConfigSchema, type LokiConfig, type LokiConfigInput } from './config-schema.ts';

export interface LoadConfigOptions {
  cwd: string;
  homeDir: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Values given on the command line; undefined members are ignored. */
  flags?: Partial<LokiConfigInput>;
  /** An explicit project config file (`--config`), instead of looking in `cwd`. */
  configPath?: string;
}

export interface ResolvedConfig {
  config: LokiConfig;
  /** The merged layers as written, before defaults: what a run keeps for resume. */
  input: LokiConfigInput;
  /** The layers that contributed, in the order applied. */
  sources: string[];
}

const projectFileNames = ['loki.config.json', 'loki.config.ts'];
const commandLineSource = 'the command line';

/**
 * Resolves Loki's configuration from its layers — user file, project file, `LOKI_*`
 * variables, flags; later wins — validating each layer on its own so an error names the
 * file or variable and the key at fault, and what would be valid.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const layers: ConfigLayer[] = [];
  const userFile = join(options.homeDir, '.loki', 'config.json');
  if (existsSync(userFile)) layers.push(await readConfigFile(userFile));
  const projectFile = options.configPath
    ? resolve(options.cwd, options.configPath)
    : projectFileNames.map((name) => join(options.cwd, name)).find((path) => existsSync(path));
  if (projectFile) layers.push(await readConfigFile(projectFile));
  layers.push(environmentLayer(options.env));
  if (options.flags) layers.push({ source: commandLineSource, values: { ...options.flags } });
  for (const layer of layers) validateLayer(layer);
  const input = mergeLayers(layers);
  const config = lokiConfigSchema.parse(input);
  return {
    config,
    input,
    sources: layers
      .filter((layer) => Object.keys(layer.values).length > 0)
      .map((layer) => layer.source),
  };
}

async function readConfigFile(path: string): Promise<ConfigLayer> {
  if (!existsSync(path)) {
    throw new LokiError({
      code: 'config.file-missing',
      category: 'bad-input',
      message: `the config file ${path} does not exist`,
      details: { path },
    });
  }
  if (path.endsWith('.ts') || path.endsWith('.js') || path.endsWith('.mjs')) {
    const loaded = (await import(pathToFileURL(path).href)) as { default?: unknown };
    return { source: path, values: asObject(loaded.default, path) };
  }
  const parsed = parseJson(readFileSync(path, 'utf8'), z.unknown());
  if (!parsed.success) {
    throw new LokiError({
      code: 'config.invalid-json',
      category: 'bad-input',
      message: `the config file ${path} is ${parsed.error}`,
      details: { path },
    });
  }
  return { source: path, values: asObject(parsed.value, path) };
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new LokiError({
    code: 'config.not-an-object',
    category: 'bad-input',
    message: `the config file ${path} must hold one JSON object (or a .ts file must export one as default)`,
    details: { path },
  });
}

function validateLayer(layer: ConfigLayer): void {
  const namesOfKeys =
    layer.source === environmentSource
      ? environmentVariableOf
      : layer.source === commandLineSource
        ? commandLineFlagOf
        : {};
  const where = (key: string) => namesOfKeys[key] ?? `"${key}" in ${layer.source}`;
  const result = lokiConfigSchema.safeParse(layer.values);
  if (!result.success) {
    const first = result.error.issues[0];
    const key = first?.path.join('.') ?? '';
    throw new LokiError({
      code: 'config.invalid',
      category: 'bad-input',
      message: `bad configuration: ${key ? where(key) : layer.source}: ${describeZodIssues(result.error)}`,
      details: { source: layer.source, issues: result.error.issues },
    });
  }
  const models: [string, unknown][] = [
    ['model', layer.values['model']],
    ...Object.entries((layer.values['roles'] as Record<string, unknown> | undefined) ?? {}).map(
      ([role, value]): [string, unknown] => [`roles.${role}`, value],
    ),
  ];
  for (const [key, value] of models) {
    if (typeof value === 'string') parseModelSpec(value, where(key));
  }
}
