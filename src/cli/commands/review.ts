import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../config/index.ts';
import { LokiError, parseJson } from '../../core/index.ts';
import { reviewDirectory } from '../../pipeline/index.ts';
import {
  atOrAbove,
  formatReviewText,
  reviewLessonSchema,
  reviewSummaryLine,
  reviewToSarif,
  type ReviewLesson,
  type ReviewSeverity,
} from '../../review/index.ts';
import { chooseReportFormat, oneOf } from '../choose-format.ts';
import { exitCodes } from '../exit-codes.ts';
import { openJournal } from '../open-journal.ts';
import { projectDirectory } from '../project-directory.ts';
import { reportError } from '../report-error.ts';

export interface ReviewCommandOptions {
  base?: string;
  format?: string;
  json?: boolean;
  output?: string;
  failOn?: string;
  model?: string | false;
  baseUrl?: string;
  lessons?: string;
  config?: string;
  journal?: string;
}

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
    const format = chooseReportFormat(options);
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
    using journal = openJournal(config.journal);
    const { output: review, runId } = await reviewDirectory({
      journal,
      config,
      env: process.env,
      root,
      base: options.base ?? null,
      lessons,
      failOn,
      useModel: options.model !== false,
      onModelSkipped: (reason) =>
        process.stderr.write(`loki: model judgement skipped: ${reason}\n`),
    });
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
