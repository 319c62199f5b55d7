import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageJson } from './package-json.ts';

const flatConfigs = ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map(
  (extension) => `eslint.config.${extension}`,
);
const legacyConfigs = ['', '.js', '.cjs', '.yaml', '.yml', '.json'].map(
  (extension) => `.eslintrc${extension}`,
);

/** How a project configures ESLint, if it does. */
export type EslintConfig = { kind: 'flat' | 'legacy'; file: string } | null;

/** The project's ESLint configuration: a flat config file, a legacy `.eslintrc*`, or `eslintConfig`. */
export function findEslintConfig(root: string, packageJson: PackageJson): EslintConfig {
  const flat = flatConfigs.find((file) => existsSync(join(root, file)));
  if (flat) return { kind: 'flat', file: flat };
  const legacy = legacyConfigs.find((file) => existsSync(join(root, file)));
  if (legacy) return { kind: 'legacy', file: legacy };
  if (packageJson.eslintConfig !== undefined)
    return { kind: 'legacy', file: 'package.json (eslintConfig)' };
  return null;
}
