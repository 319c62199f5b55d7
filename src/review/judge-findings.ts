import { z } from 'zod';
import { generateObject, type ModelGateway } from '../model/index.ts';
import type { AnalyzerFinding } from './analyzers/analyzer-finding.ts';
import { withId } from './finding-id.ts';
import { reviewSeverities, type ReviewerName, type ReviewFinding } from './review-finding.ts';
import type { ReviewLesson } from './review-output.ts';
import { reviewerMessage, reviewerSystem } from './reviewer-prompt.ts';
import type { ReviewMaterial } from './relevant-files.ts';

/** What a reviewer's model answers: findings beyond the analyzers' facts. */
export const reviewerReplySchema = z.object({
  findings: z.array(
    z.object({
      severity: z.enum(reviewSeverities),
      file: z.string(),
      line: z.number().int().nonnegative(),
      title: z.string().min(1),
      detail: z.string(),
      /** The id of the lesson this code contradicts, for a memory conflict. */
      lessonId: z.string().nullish(),
    }),
  ),
});
export type ReviewerReply = z.infer<typeof reviewerReplySchema>;

export interface JudgeInput {
  reviewer: ReviewerName;
  gateway: ModelGateway;
  /** The stage the calls are journaled under. */
  stage: string;
  lessons: readonly ReviewLesson[];
  facts: readonly AnalyzerFinding[];
  material: ReviewMaterial;
  /** Reviewed file → its text, to check the lines the model names. */
  texts: ReadonlyMap<string, string>;
}

/**
 * Asks the model to judge the material. A reply naming a lesson that was not given is sent
 * back once to be repaired; what is still wrong after that is dropped, as is every finding at
 * a file the reviewer was not shown or at a line past the file's end.
 */
export async function judgeFindings(
  input: JudgeInput,
): Promise<{ findings: ReviewFinding[]; promptTokens: number }> {
  const lessonIds = new Set(input.lessons.map((lesson) => lesson.id));
  const unknownLessons = (reply: ReviewerReply) =>
    reply.findings
      .filter((finding) => finding.lessonId && !lessonIds.has(finding.lessonId))
      .map(
        (finding) =>
          `finding "${finding.title}" names lesson "${finding.lessonId}", which is not one of the given lessons (${[...lessonIds].join(', ') || 'none'}); use one of those ids or no lessonId`,
      );
  let repairAsked = false;
  const { object, calls } = await generateObject(
    input.gateway,
    {
      role: 'reviewer',
      stage: input.stage,
      agent: `${input.reviewer}-reviewer`,
      system: reviewerSystem(input.reviewer),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: reviewerMessage(input.lessons, input.facts, input.material) },
          ],
        },
      ],
      temperature: 0,
    },
    {
      schema: reviewerReplySchema,
      name: `${input.reviewer}_review`,
      validate: (reply) => {
        if (repairAsked) return [];
        const problems = unknownLessons(reply);
        repairAsked = problems.length > 0;
        return problems;
      },
    },
  );
  const shown = new Set(input.material.files.map((file) => file.path));
  const findings = object.findings
    .filter(
      (finding) =>
        shown.has(finding.file) && finding.line <= lineCount(input.texts.get(finding.file)),
    )
    .filter((finding) => !finding.lessonId || lessonIds.has(finding.lessonId))
    .map((finding) =>
      withId({
        reviewer: input.reviewer,
        severity: finding.severity,
        file: finding.file,
        line: finding.line,
        title: finding.title,
        detail: finding.detail,
        rule: 'model',
        source: 'model',
        ...(finding.lessonId ? { lessonId: finding.lessonId } : {}),
      }),
    );
  return { findings, promptTokens: calls.reduce((sum, call) => sum + call.usage.inputTokens, 0) };
}

function lineCount(text: string | undefined): number {
  return text === undefined ? 0 : text.split('\n').length;
}
