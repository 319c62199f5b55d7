import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { LokiError, parseJson } from '../../core/index.ts';

const configNames = [
  '.dependency-cruiser.json',
  '.dependency-cruiser.js',
  '.dependency-cruiser.cjs',
  '.dependency-cruiser.mjs',
];

/** The rules a product declares for its own layering; loose, as dependency-cruiser reads them. */
const productRulesSchema = z.looseObject({
  forbidden: z.array(z.looseObject({ name: z.string().optional() })).default([]),
  allowed: z.array(z.looseObject({})).optional(),
  allowedSeverity: z.enum(['error', 'warn', 'info', 'ignore']).optional(),
});
export type ProductRules = z.infer<typeof productRulesSchema>;

/**
 * The dependency rules the product declares in a `.dependency-cruiser.*` file, or null when it
 * declares none. A JavaScript config is code of the product: it is evaluated in a child
 * process with no environment and a time limit, never in Loki's own, and only its data
 * (the JSON of its export) comes back.
 */
export async function readProductRules(
  root: string,
): Promise<{ path: string; rules: ProductRules } | null> {
  for (const name of configNames) {
    const path = join(root, name);
    if (!(await exists(path))) continue;
    const text = name.endsWith('.json') ? await readFile(path, 'utf8') : await evaluate(path);
    const parsed = parseJson(text, productRulesSchema);
    if (!parsed.success) {
      throw new LokiError({
        code: 'review.rules-invalid',
        category: 'bad-input',
        message: `the dependency rules in ${name} cannot be used:\n${parsed.error}\nFix the file or remove it (the default rules then apply).`,
        details: { path },
      });
    }
    return { path: name, rules: parsed.value };
  }
  return null;
}

function evaluate(path: string): Promise<string> {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(path).href)}); process.stdout.write(JSON.stringify(m.default ?? m));`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { env: {}, timeout: 10_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        reject(
          new LokiError({
            code: 'review.rules-unreadable',
            category: 'bad-input',
            message: `cannot load the dependency rules in ${path}: ${stderr.trim().split('\n').at(-1) ?? error.message}. Fix the file or remove it.`,
            details: { path },
            cause: error,
          }),
        );
      },
    );
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
