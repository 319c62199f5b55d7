import { z } from 'zod';
import {
  error,
  parseYaml,
  schemaProblems,
  validation,
  type ArtifactValidation,
} from './artifact-validation.ts';

const stepSchema = z
  .looseObject({
    name: z.string().optional(),
    uses: z
      .string()
      .regex(/^[\w.-]+\/[\w./-]+@[\w.-]+$|^docker:\/\/|^\.\//, 'expected owner/action@ref')
      .optional(),
    run: z.string().min(1).optional(),
    with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .refine(
    (step) => (step.uses === undefined) !== (step.run === undefined),
    'a step needs exactly one of uses or run',
  );

const jobSchema = z.looseObject({
  'runs-on': z.union([z.string().min(1), z.array(z.string()).min(1)]),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  steps: z.array(stepSchema).min(1),
});

/** The fields of a GitHub Actions workflow Loki relies on. */
export const workflowSchema = z.looseObject({
  on: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())], {
    error: 'expected the triggers: an event name, a list or a map of events',
  }),
  jobs: z
    .record(z.string(), jobSchema)
    .refine((jobs) => Object.keys(jobs).length > 0, 'at least one job'),
});

/**
 * Checks a workflow: it parses, has triggers (`on`) and jobs whose steps each use an action or
 * run a command, every `needs` names a job, and some step runs `testCommand` when given.
 */
export function validateWorkflow(text: string, testCommand?: string): ArtifactValidation {
  const parsed = parseYaml(text);
  if (parsed.documents === null) return validation(parsed.problems);
  const { value, problems } = schemaProblems(workflowSchema, parsed.documents[0]);
  if (value === null) return validation(problems);
  for (const [name, job] of Object.entries(value.jobs)) {
    for (const needed of [job.needs ?? []].flat()) {
      if (!(needed in value.jobs))
        problems.push(error(`jobs.${name}.needs: no job named "${needed}"`));
    }
  }
  if (testCommand !== undefined) {
    const runs = Object.values(value.jobs).flatMap((job) =>
      job.steps.map((step) => step.run ?? ''),
    );
    if (!runs.some((run) => run.split('\n').some((line) => line.trim() === testCommand))) {
      problems.push(error(`no step runs the tests (\`${testCommand}\`)`));
    }
  }
  return validation(problems);
}
