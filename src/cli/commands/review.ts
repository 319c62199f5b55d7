import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../config/index.ts';
import { LokiError, parseJson, secretValuesOf, systemClock } from '../../core/index.ts';
import { EventBus, createJournalSink } from '../../events/index.ts';
import { ModelCatalog, ModelGateway, checkModelAccess } from '../../model/index.ts';
import { runStandalone } from '../../pipeline/index.ts';
import {
  atOrAbove,
  formatReviewText,
  reviewLessonSchema,
  reviewProduct,
  reviewSummaryLine,
  reviewToSarif,
  type ReviewLesson,
  type ReviewSeverity,
} from '../../review/index.ts';
import { exitCodes } from '../exit-codes.ts';
import { openJournal } from '../open-journal.ts';
import { projectDirectory } from '../project-directory.ts';
import { reportError } from '../report-error.ts';

export interface ReviewCommandOptions {
  base?: string;
  format?: string;
  output?: string;
  failOn?: string;
  model?: string | false;
  baseUrl?: string;
  lessons?: string;
  config?: string;
  journal?: string;
}

const formats = ['text', 'json', 'sarif'] as const;
const failLevels = ['critical', 'high', 'medium', 'low'] as const;

/**
 * `loki review <dir>`: the three reviewers on a git repository (the diff since --base, or the
 * whole tree), journaled as a run of kind `review`. Exit 0 when no finding is at or above
 * --fail-on (default high), 1 when one is, 2 for bad input. With no model chosen and none
 * reachable the analyzers still run and the output says the model judgement was skipped; a
 * model chosen explicitly that cannot be reached is an error, as for every other command.
 */
export async function reviewCommand(dir: string, options: ReviewCommandOptions): Promise<number> {
  try {
    const format = oneOf('--format', options.format ?? 'text', formats);
    const failOn: ReviewSeverity = oneOf('--fail-on', options.failOn ?? 'high', failLevels);
    const root = await projectDirectory(dir);
    const lessons = await readLessons(options.lessons);
    const { config } = await loadConfig({
      cwd: process.cwd(),
      homeDir: homedir(),
      env: process.env,
      configPath: options.config,
      flags: {
        model: typeof options.model === 'string' ? options.model : undefined,
        baseUrl: options.baseUrl,
        journal: options.journal,
      },
    });
    const model = options.model === false ? null : await reachableModel(config);
    if (model?.skipped) process.stderr.write(`loki: model judgement skipped: ${model.skipped}\n`);
    using journal = openJournal(config.journal);
    const { output: review, runId } = await runStandalone(
      { journal, kind: 'review', target: root, title: 'Review' },
      async (runId) => {
        const events = new EventBus(runId, systemClock);
        const sink = createJournalSink(journal);
        events.subscribe((event) => sink.sink(event));
        try {
          const gateway = model?.catalog
            ? new ModelGateway({
                catalog: model.catalog,
                runId,
                journal,
                events,
                secrets: secretValuesOf(process.env),
              })
            : null;
          const output = await reviewProduct({
            root,
            base: options.base ?? null,
            lessons,
            gateway,
            modelSkipped: model?.skipped ?? 'the model was turned off (--no-model)',
          });
          for (const finding of output.findings) {
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
          const passed = !output.findings.some((finding) => atOrAbove(finding.severity, failOn));
          return { output, passed, summary: reviewSummaryLine(output, failOn) };
        } finally {
          sink.flush();
        }
      },
    );
    const rendered =
      format === 'text'
        ? formatReviewText(review, failOn)
        : `${JSON.stringify(format === 'json' ? { runId, root, failOn, ...review } : reviewToSarif(review, root, failOn), null, 2)}\n`;
    const summary = reviewSummaryLine(review, failOn);
    if (options.output) {
      await mkdir(dirname(resolve(options.output)), { recursive: true });
      await writeFile(options.output, rendered);
      process.stderr.write(`${summary} Report: ${options.output}\n`);
    } else {
      process.stdout.write(rendered);
      if (format !== 'text') process.stderr.write(`${summary}\n`);
    }
    const failed = review.findings.some((finding) => atOrAbove(finding.severity, failOn));
    return failed ? exitCodes.workFailed : exitCodes.ok;
  } catch (error) {
    if (LokiError.isInstance(error)) return reportError(error, false);
    throw error;
  }
}

/**
 * The model the reviewers ask. When none was chosen and none is reachable the review goes on
 * without it, saying so; a chosen one that cannot be reached is the person's to fix (exit 2).
 */
async function reachableModel(
  config: Awaited<ReturnType<typeof loadConfig>>['config'],
): Promise<{ catalog: ModelCatalog; skipped?: undefined } | { catalog: null; skipped: string }> {
  const catalog = new ModelCatalog(config, process.env);
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

async function readLessons(path: string | undefined): Promise<ReviewLesson[]> {
  if (path === undefined) return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new LokiError({
      code: 'review.lessons-unreadable',
      category: 'bad-input',
      message: `cannot read the lessons file ${path}: ${(cause as Error).message}`,
      details: { path },
      cause,
    });
  }
  const parsed = parseJson(text, z.array(reviewLessonSchema));
  if (!parsed.success) {
    throw new LokiError({
      code: 'review.lessons-invalid',
      category: 'bad-input',
      message: `the lessons file ${path} must be a JSON array of {id, content, tags}:\n${parsed.error}`,
      details: { path },
    });
  }
  return parsed.value;
}

function oneOf<Value extends string>(
  flag: string,
  value: string,
  allowed: readonly Value[],
): Value {
  if ((allowed as readonly string[]).includes(value)) return value as Value;
  throw new LokiError({
    code: 'cli.bad-option',
    category: 'bad-input',
    message: `unknown ${flag} "${value}"; expected one of ${allowed.join(', ')}`,
    details: { flag, value, allowed },
  });
}
