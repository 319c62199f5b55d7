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
import { priorCoverage, type PriorReview } from './prior-review.ts';
import { selectMaterial } from './relevant-files.ts';
import { filterDiff, scopeFor } from './reviewer-scope.ts';
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
  /**
   * Earlier reviews of parts of this tree (each merged task's change): a file one of them
   * judged and that has not changed since is not shown to the model again, and their model
   * findings on unchanged files are kept. The analyzers still run on everything reviewed.
   */
  priors?: readonly PriorReview[];
  /**
   * The tree is still being built (one task's merge, more to come): facts only the finished
   * tree can tell, such as a module nothing imports yet, are left to the review of the whole.
   */
  growing?: boolean;
  signal?: AbortSignal;
  clock?: Clock;
}

/** Analyzer rules whose findings hold only of a finished tree. */
const wholeTreeRules = new Set(['arch/no-orphans']);

/**
 * Reviews a product: the security, performance and architecture reviewers in parallel, each
 * first running its deterministic analyzers (their findings are facts, kept whatever the model
 * says), then asking the model to judge the diff, the relevant files and the lessons.
 * Callable again after a remediation: finding ids are stable across reviews.
 */
export async function reviewProduct(input: ReviewInput): Promise<ReviewOutput> {
  return (await reviewWithScope(input)).review;
}

/** A review and the scope it looked at (the texts, for a prior review's hashes). */
export async function reviewWithScope(
  input: ReviewInput,
): Promise<{ review: ReviewOutput; scope: ReviewScope }> {
  const scope = await reviewScope(input.root, input.base ?? null);
  const reviewed = new Set(scope.changedFiles);
  const sources = {
    root: scope.root,
    files: new Map([...scope.texts].filter(([file]) => reviewed.has(file))),
  };
  // No source file to review (a task that wrote docs): no analyzer has anything to say.
  const nothing = scope.changedFiles.length === 0;
  const rules = nothing ? null : await readProductRules(scope.root);
  const graph = nothing
    ? { imports: new Map<string, string[]>(), violations: [] }
    : await cruiseDependencies(
        scope.root,
        [...scope.texts.keys()],
        scope.texts,
        rules?.rules ?? null,
      );
  const projectFiles = new Set(scope.texts.keys());
  for (const [file, text] of scope.texts) {
    if (file.endsWith('.py')) graph.imports.set(file, pythonImports(file, text, projectFiles));
  }
  const kept = (facts: AnalyzerFinding[]) =>
    input.growing ? facts.filter((fact) => !wholeTreeRules.has(fact.rule)) : facts;
  const facts: Record<ReviewerName, Promise<AnalyzerFinding[]>> = {
    security: nothing
      ? Promise.resolve([])
      : analyzeSecurity(sources, { signal: input.signal, clock: input.clock }).then(kept),
    performance: Promise.resolve(kept(analyzePerformance(sources))),
    architecture: Promise.resolve(
      kept(
        graph.violations
          .filter((violation) => violation.files.some((file) => reviewed.has(file)))
          .map((violation) => violation.finding),
      ),
    ),
  };
  // What earlier reviews judged, unchanged since, the model is not asked about again.
  const prior = priorCoverage(input.priors ?? [], scope.texts);
  const judged = scope.changedFiles.filter((file) => !prior.covered.has(file));
  const judgedScope: ReviewScope =
    judged.length === scope.changedFiles.length
      ? scope
      : {
          ...scope,
          diff: filterDiff(scope.diff, (file) => !prior.covered.has(file)),
          changedFiles: judged,
          addedFiles: scope.addedFiles.filter((file) => !prior.covered.has(file)),
        };
  const reports = await Promise.all(
    (Object.keys(facts) as ReviewerName[]).map(async (name) =>
      runReviewer(name, await facts[name], judgedScope, graph.imports, input),
    ),
  );
  const byId = new Map<string, ReviewFinding>();
  for (const finding of [...reports.flatMap((report) => report.findings), ...prior.carried]) {
    if (!byId.has(finding.id)) byId.set(finding.id, finding);
  }
  const findings = [...byId.values()].sort(worstFirst);
  return {
    review: {
      base: scope.base,
      findings,
      reviewers: reports.map(({ report }) =>
        withPriors(report, findings, input.priors ?? [], prior.covered),
      ),
    },
    scope,
  };
}

/**
 * A reviewer's account including the earlier reviews it builds on: their prompt tokens and
 * files count, as do the model findings carried over from them.
 */
function withPriors(
  report: ReviewerReport,
  findings: readonly ReviewFinding[],
  priors: readonly PriorReview[],
  covered: ReadonlySet<string>,
): ReviewerReport {
  if (priors.length === 0) return report;
  const earlier = priors.flatMap((prior) =>
    prior.reviewers.filter((candidate) => candidate.name === report.name),
  );
  return {
    ...report,
    modelFindings: findings.filter(
      (finding) => finding.reviewer === report.name && finding.source === 'model',
    ).length,
    files: [
      ...new Set([
        ...report.files,
        ...earlier.flatMap((candidate) => candidate.files).filter((file) => covered.has(file)),
      ]),
    ],
    promptTokens: earlier.reduce(
      (sum, candidate) => sum + candidate.promptTokens,
      report.promptTokens,
    ),
  };
}

async function runReviewer(
  name: ReviewerName,
  allFacts: AnalyzerFinding[],
  scope: ReviewScope,
  imports: ReadonlyMap<string, readonly string[]>,
  input: ReviewInput,
): Promise<{ findings: ReviewFinding[]; report: ReviewerReport }> {
  const analyzerFindings = allFacts.map((fact) => withId({ ...fact, source: 'analyzer' }));
  // The model judges the files not judged before; the facts about those are what it is shown.
  const unjudged = new Set(scope.changedFiles);
  const facts = input.priors?.length
    ? allFacts.filter((fact) => unjudged.has(fact.file))
    : allFacts;
  const material = selectMaterial(
    scopeFor(name, scope),
    [...new Set(facts.map((fact) => fact.file))],
    imports,
    input.tokenBudget ?? defaultReviewTokenBudget,
  );
  const files = material.files.map((file) => file.path);
  // No model, or no source file to judge and nothing found in one: the analyzers' facts stand.
  const nothingToRead = files.length === 0 && material.diff === '' && facts.length === 0;
  if (!input.gateway || nothingToRead) {
    return {
      findings: analyzerFindings,
      report: {
        name,
        analyzerFindings: analyzerFindings.length,
        modelFindings: 0,
        files,
        promptTokens: 0,
        ...(input.gateway ? {} : { modelSkipped: input.modelSkipped ?? 'no model was given' }),
      },
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
