import { cruise, type IForbiddenRuleType, type IReporterOutput } from 'dependency-cruiser';
import { LokiError } from '../../core/index.ts';
import type { ReviewSeverity } from '../review-finding.ts';
import { javascriptExtensions, type AnalyzerFinding } from './analyzer-finding.ts';
import type { ProductRules } from './product-rules.ts';

const testFiles = '(^|/)(tests?|__tests__|spec)/|\\.(test|spec)\\.[cm]?[jt]sx?$';
const notOrphans = `${testFiles}|(^|/)\\.[^/]+\\.[cm]?js$|\\.d\\.[cm]?ts$|(^|/)[^/]*\\.config\\.[cm]?[jt]s$|(^|/)(index|main|server|app|cli)\\.[cm]?[jt]sx?$`;

/** Loki's default rules for every product: no cycles, no production code importing tests, no orphans. */
export const defaultRules: IForbiddenRuleType[] = [
  {
    name: 'no-circular',
    severity: 'error',
    comment:
      'Modules that import each other cannot be understood, tested or initialised one at a time.',
    from: {},
    to: { circular: true },
  },
  {
    name: 'not-to-test',
    severity: 'error',
    comment: 'Production code must not import test files.',
    from: { pathNot: testFiles },
    to: { path: testFiles },
  },
  {
    name: 'no-orphans',
    severity: 'info',
    comment: 'A module nothing imports and that imports nothing is dead code or a missing wiring.',
    from: { orphan: true, pathNot: notOrphans },
    to: {},
  },
];

const severities: Record<string, ReviewSeverity> = { error: 'high', warn: 'medium', info: 'low' };

/** The JavaScript/TypeScript import graph of a product and its rule violations. */
export interface DependencyGraph {
  /** File → the project files it imports directly. */
  imports: Map<string, string[]>;
  /** Each violation, with every file it involves (a cycle involves each file on it). */
  violations: { finding: AnalyzerFinding; files: string[] }[];
}

/**
 * Cruises the product's JavaScript and TypeScript files with dependency-cruiser: the default
 * rules plus the product's own (`forbidden`, `allowed`), each violation a finding at the line
 * of the import that breaks the rule.
 */
export async function cruiseDependencies(
  root: string,
  files: readonly string[],
  texts: ReadonlyMap<string, string>,
  productRules: ProductRules | null,
): Promise<DependencyGraph> {
  const sources = files.filter(
    (file) => javascriptExtensions.test(file) && !file.includes('node_modules/'),
  );
  if (sources.length === 0) return { imports: new Map(), violations: [] };
  let result: IReporterOutput;
  try {
    result = await cruise(sources, {
      baseDir: root,
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      ruleSet: {
        forbidden: [
          ...defaultRules,
          ...((productRules?.forbidden ?? []) as unknown as IForbiddenRuleType[]),
        ],
        ...(productRules?.allowed
          ? {
              allowed: productRules.allowed as never,
              allowedSeverity: productRules.allowedSeverity ?? 'warn',
            }
          : {}),
      },
    });
  } catch (cause) {
    throw new LokiError({
      code: 'review.cruise-failed',
      category: 'work-failed',
      message: `dependency-cruiser could not read the imports of ${root}: ${(cause as Error).message}`,
      details: { root },
      cause,
    });
  }
  const output = result.output;
  if (typeof output === 'string') return { imports: new Map(), violations: [] };
  const imports = new Map<string, string[]>();
  for (const module of output.modules) {
    const local = module.dependencies
      .filter(
        (dependency) =>
          !dependency.coreModule &&
          !dependency.couldNotResolve &&
          !dependency.resolved.includes('node_modules/'),
      )
      .map((dependency) => dependency.resolved);
    imports.set(module.source, local);
  }
  const violations = output.summary.violations.map((violation) => {
    const rule = violation.rule.name;
    const cycle = violation.cycle?.map((step) => step.name);
    const title =
      violation.type === 'cycle'
        ? `Import cycle: ${[violation.from, ...(cycle ?? [])].join(' → ')}`
        : rule === 'no-orphans'
          ? `Orphan module ${violation.from}: nothing imports it and it imports nothing`
          : `${violation.from} imports ${violation.to}, which rule ${rule} forbids`;
    const comment = [...defaultRules, ...(productRules?.forbidden ?? [])].find(
      (candidate) => candidate.name === rule,
    )?.comment;
    const finding: AnalyzerFinding = {
      reviewer: 'architecture',
      severity: severities[violation.rule.severity] ?? 'medium',
      file: violation.from,
      line: importLine(texts.get(violation.from), violation.unresolvedTo),
      title,
      detail: `${typeof comment === 'string' ? `${comment} ` : ''}Rule ${rule} (dependency-cruiser).${violation.type === 'cycle' ? ' Break the cycle: move what both need into a module of its own, or invert one import.' : ''}`,
      rule: `arch/${rule}`,
    };
    return { finding, files: [violation.from, violation.to, ...(cycle ?? [])] };
  });
  return { imports, violations };
}

/** The 1-based line of the import of `specifier` in a file's text; 0 when it cannot be told. */
function importLine(text: string | undefined, specifier: string | undefined): number {
  if (!text || !specifier) return 0;
  const lines = text.split('\n');
  const index = lines.findIndex(
    (line) =>
      line.includes(`'${specifier}'`) ||
      line.includes(`"${specifier}"`) ||
      line.includes(`\`${specifier}\``),
  );
  return index + 1;
}
