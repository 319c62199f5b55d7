import type { LokiConfig } from '../../config/index.ts';
import { LokiError, secretValuesOf } from '../../core/index.ts';
import type { Journal } from '../../journal/index.ts';
import { ModelCatalog, ModelGateway, checkModelAccess } from '../../model/index.ts';
import {
  atOrAbove,
  reviewProduct,
  reviewSummaryLine,
  type ReviewLesson,
  type ReviewOutput,
  type ReviewSeverity,
} from '../../review/index.ts';
import { runStandalone } from '../standalone-run.ts';
import { withJournaledEvents } from './journaled-events.ts';

export interface ReviewDirectoryOptions {
  journal: Journal;
  config: LokiConfig;
  env: NodeJS.ProcessEnv;
  root: string;
  base: string | null;
  lessons: readonly ReviewLesson[];
  failOn: ReviewSeverity;
  /** False: analyzers only, by request. */
  useModel: boolean;
  /** Told why the model judgement is skipped, when it is (for the person, before the work). */
  onModelSkipped?: (reason: string) => void;
}

/**
 * The three reviewers on a project directory, journaled as a run of kind `review`, each
 * finding an event. With no model chosen and none reachable the analyzers still run and the
 * output says the model judgement was skipped; a model chosen explicitly that cannot be
 * reached is an error. The same work for `loki review` and the MCP tool `loki_review`.
 */
export async function reviewDirectory(
  options: ReviewDirectoryOptions,
): Promise<{ output: ReviewOutput; runId: string; passed: boolean }> {
  const { journal, root, failOn } = options;
  const model = options.useModel ? await reachableModel(options.config, options.env) : null;
  const skipped =
    model?.skipped ?? (options.useModel ? null : 'the model was turned off (--no-model)');
  if (skipped) options.onModelSkipped?.(skipped);
  const { output, runId } = await runStandalone(
    { journal, kind: 'review', target: root, title: 'Review' },
    (runId) =>
      withJournaledEvents(journal, runId, async (events) => {
        const gateway = model?.catalog
          ? new ModelGateway({
              catalog: model.catalog,
              runId,
              journal,
              events,
              secrets: secretValuesOf(options.env),
            })
          : null;
        const review = await reviewProduct({
          root,
          base: options.base,
          lessons: options.lessons,
          gateway,
          modelSkipped: skipped ?? undefined,
        });
        for (const finding of review.findings) {
          events.emit({
            type: 'finding-raised',
            stage: 'review',
            source: finding.reviewer,
            severity: finding.severity,
            file: finding.file,
            line: finding.line,
            title: finding.title,
            blocking: atOrAbove(finding.severity, failOn),
            lessonId: finding.lessonId ?? null,
          });
        }
        const passed = !review.findings.some((finding) => atOrAbove(finding.severity, failOn));
        return { output: review, passed, summary: reviewSummaryLine(review, failOn) };
      }),
  );
  return {
    output,
    runId,
    passed: !output.findings.some((finding) => atOrAbove(finding.severity, failOn)),
  };
}

/**
 * The model the reviewers ask. When none was chosen and none is reachable the review goes on
 * without it, saying so; a chosen one that cannot be reached is the person's to fix.
 */
async function reachableModel(
  config: LokiConfig,
  env: NodeJS.ProcessEnv,
): Promise<{ catalog: ModelCatalog; skipped?: undefined } | { catalog: null; skipped: string }> {
  const catalog = new ModelCatalog(config, env);
  try {
    await checkModelAccess(catalog);
    return { catalog };
  } catch (error) {
    if (!catalog.modelChosenByDefault || !LokiError.isInstance(error)) throw error;
    return {
      catalog: null,
      skipped: `no model is chosen and none is reachable (${catalog.describe().reviewer}); only the analyzers ran. Give --model (e.g. anthropic/claude-sonnet-4-5 with ANTHROPIC_API_KEY) to have the reviewers judge.`,
    };
  }
}
