import { join } from 'node:path';
import { z } from 'zod';
import { LokiError, parseJson } from '../../core/index.ts';
import { readOptionalText } from '../report-directory.ts';

const dependenciesSchema = z.record(z.string(), z.string()).nullish();

const packageJsonSchema = z.looseObject({
  name: z.string().nullish(),
  main: z.string().nullish(),
  scripts: z.record(z.string(), z.string()).nullish(),
  dependencies: dependenciesSchema,
  devDependencies: dependenciesSchema,
  eslintConfig: z.unknown().optional(),
});

/** The parts of a project's package.json that decide how it is installed, tested and started. */
export type PackageJson = z.infer<typeof packageJsonSchema>;

/** The package.json at `root`, or null when there is none. Throws when it is not valid. */
export async function readPackageJson(root: string): Promise<PackageJson | null> {
  const text = await readOptionalText(join(root, 'package.json'));
  if (text === null) return null;
  const parsed = parseJson(text, packageJsonSchema);
  if (!parsed.success) {
    throw new LokiError({
      code: 'stacks.package-json-invalid',
      category: 'work-failed',
      message: `package.json in ${root} is not valid: ${parsed.error}`,
      details: { root, error: parsed.error },
    });
  }
  return parsed.value;
}

/** Every declared dependency, runtime and development, by name. */
export function declaredDependencies(packageJson: PackageJson): Record<string, string> {
  return { ...packageJson.dependencies, ...packageJson.devDependencies };
}

/** A script, unless it is npm init's placeholder that only fails (`no test specified`). */
export function realScript(packageJson: PackageJson, name: string): string | null {
  const script = packageJson.scripts?.[name]?.trim();
  if (!script || /Error: no test specified/.test(script)) return null;
  return script;
}
