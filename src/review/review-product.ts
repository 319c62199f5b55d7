import type { Clock } from '../core/index.ts';
import type { ModelGateway } from '../model/index.ts';
import type { AnalyzerFinding } from './analyzers/analyzer-finding.ts';
import { cruiseDependencies } from './analyzers/dependency-graph.ts';
import { analyzePerformance } from './analyzers/performance-analyzers.ts';
import { readProductRules } from './analyzers/product-rules.ts';
import { pythonImports } from './analyzers/python-imports.ts';
import { analyzeSecurity } from './analyzers/security-analyzers.ts';
import { withId } from './finding-id.ts';
import { judgeFindings } from './judge-findings.ts';
import { selectMaterial } from './relevant-files.ts';
import { scopeFor } from './reviewer-scope.ts';
import { reviewSeverities, type ReviewerName, type ReviewFinding } from './review-finding.ts';
import type { ReviewLesson, ReviewOutput, ReviewerReport } from './review-output.ts';
import { reviewScope, type ReviewScope } from './review-scope.ts';

/** The default review budget: tokens of diff and files one reviewer reads. */
export const defaultReviewTokenBudget = 16_000;

export interface ReviewInput {
  /** The product's git repository. */
  root: string;
  /** Review the diff since this revision; absent or null reviews the whole tree. */
  base?: string | null;
  lessons: readonly ReviewLesson[];
  /** The model the reviewers ask; null runs the analyzers alone (`modelSkipped` says why). */
  gateway: ModelGateway | null;
  /** Why there is no model, reported with the review when `gateway` is null. */
  modelSkipped?: string;
  /** The stage model calls are journaled under (default `review`). */
  stage?: string;
  tokenBudget?: number;
  signal?: AbortSignal;
  clock?: Clock;
}

/**
 * Reviews a product: the security, performance and architecture reviewers in parallel, each
 * first running its deterministic analyzers (their findings are facts, kept whatever the model
 * says), then asking the model to judge the diff, the relevant files and the lessons.
 * Callable again after a remediation: finding ids are stable across reviews.
 */
export async function reviewProduct(input: ReviewInput): Promise<ReviewOutput> {
  const scope = await reviewScope(input.root, input.base ?? null);
  const reviewed = new Set(scope.changedFiles);
  const sources = {
    root: scope.root,
    files: new Map([...scope.texts].filter(([file]) => reviewed.has(file))),
  };
  const rules = await readProductRules(scope.root);
  const graph = await cruiseDependencies(
    scope.root,
    [...scope.texts.keys()],
    scope.texts,
    rules?.rules ?? null,
  );
  const projectFiles = new Set(scope.texts.keys());
  for (const [file, text] of scope.texts) {
    if (file.endsWith('.py')) graph.imports.set(file, pythonImports(file, text, projectFiles));
  }
  const facts: Record<ReviewerName, Promise<AnalyzerFinding[]>> = {
    security: analyzeSecurity(sources, { signal: input.signal, clock: input.clock }),
    performance: Promise.resolve(analyzePerformance(sources)),
    architecture: Promise.resolve(
      graph.violations
        .filter((violation) => violation.files.some((file) => reviewed.has(file)))
        .map((violation) => violation.finding),
    ),
  };
  const reports = await Promise.all(
    (Object.keys(facts) as ReviewerName[]).map(async (name) =>
      runReviewer(name, await facts[name], scope, graph.imports, input),
    ),
  );
  const byId = new Map<string, ReviewFinding>();
  for (const finding of reports.flatMap((report) => report.findings)) {
    if (!byId.has(finding.id)) byId.set(finding.id, finding);
  }
  return {
    base: scope.base,
    findings: [...byId.values()].sort(worstFirst),
    reviewers: reports.map((report) => report.report),
  };
}

async function runReviewer(
  name: ReviewerName,
  facts: AnalyzerFinding[],
  scope: ReviewScope,
  imports: ReadonlyMap<string, readonly string[]>,
  input: ReviewInput,
): Promise<{ findings: ReviewFinding[]; report: ReviewerReport }> {
  const analyzerFindings = facts.map((fact) => withId({ ...fact, source: 'analyzer' }));
  const material = selectMaterial(
    scopeFor(name, scope),

    [...new Set(facts.map((fact) => fact.file))],
    imports,
    input.tokenBudget ?? defaultReviewTokenBudget,
  );
  const files = material.files.map((file) => file.path);
  if (!input.gateway) {
    return {
      findings: analyzerFindings,
      report: {
        name,
        analyzerFindings: analyzerFindings.length,
        modelFindings: 0,
        files,
        promptTokens: 0,
        modelSkipped: input.modelSkipped ?? 'no model was given',
      },
    };
  }
  // No source file changed and nothing found: there is nothing for a model to read.
  if (files.length === 0 && material.diff === '' && facts.length === 0) {
    return {
      findings: [],
      report: { name, analyzerFindings: 0, modelFindings: 0, files, promptTokens: 0 },
    };
  }
  const judged = await judgeFindings({
    reviewer: name,
    gateway: input.gateway,
    stage: input.stage ?? 'review',
    lessons: input.lessons,
    facts,
    material,
    texts: scope.texts,
  });
  const factIds = new Set(analyzerFindings.map((finding) => finding.id));
  const modelFindings = judged.findings.filter((finding) => !factIds.has(finding.id));
  return {
    findings: [...analyzerFindings, ...modelFindings],
    report: {
      name,
      analyzerFindings: analyzerFindings.length,
      modelFindings: modelFindings.length,
      files,
      promptTokens: judged.promptTokens,
    },
  };
}

function worstFirst(a: ReviewFinding, b: ReviewFinding): number {
  return (
    reviewSeverities.indexOf(a.severity) - reviewSeverities.indexOf(b.severity) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line
  );
}
