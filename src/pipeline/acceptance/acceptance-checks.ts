import { z } from 'zod';
import { productCriterionSchema } from './product-criteria.ts';

const httpStepSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']),
  path: z
    .string()
    .describe(
      'Path and query, starting with /. {{name}} is replaced by a value an earlier step saved; {{unique}} by a text unique to this check (for emails, names)',
    ),
  headers: z.record(z.string(), z.string()).default({}).describe('Request headers; {{name}} works'),
  body: z
    .unknown()
    .optional()
    .describe('A JSON body (sent as application/json), or a string sent as it is; {{name}} works'),
  expect: z.object({
    status: z.int().min(100).max(599).optional().describe('The status code the response must have'),
    json: z
      .array(
        z.object({
          path: z
            .string()
            .describe('Dot path into the JSON body: "status", "items.0.id"; "" is the whole body'),
          equals: z.unknown().optional().describe('The value it must equal (deep equality)'),
          present: z
            .boolean()
            .optional()
            .describe('true: the path must exist; false: it must not (when equals is not given)'),
        }),
      )
      .default([]),
    bodyIncludes: z.array(z.string()).default([]).describe('Texts the raw body must contain'),
    bodyExcludes: z.array(z.string()).default([]).describe('Texts the raw body must not contain'),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .describe('Header name → a text its value must contain'),
  }),
  save: z
    .record(z.string(), z.string())
    .default({})
    .describe('name → dot path into this JSON body, saved as {{name}} for later steps'),
});
export type HttpStep = z.infer<typeof httpStepSchema>;

const criterionIdField = z.string().describe('The id of the criterion this check proves (ac-N)');

/** Requests against the started product, in order; every step's expectations must hold. */
export const httpCheckSchema = z.object({
  criterionId: criterionIdField,
  kind: z.literal('http'),
  steps: z.array(httpStepSchema).min(1),
});

/** A command run in the product's root; its exit code and output are judged. */
export const commandCheckSchema = z.object({
  criterionId: criterionIdField,
  kind: z.literal('command'),
  command: z.string().min(1).describe('A shell command line, run from the project root'),
  stdin: z.string().optional(),
  expect: z.object({
    exitCode: z.int().default(0),
    outputIncludes: z.array(z.string()).default([]).describe('Texts stdout+stderr must contain'),
    outputExcludes: z.array(z.string()).default([]),
  }),
});

/** A test file, kept where no coding agent can write, run with the project's own test runner. */
export const testCheckSchema = z.object({
  criterionId: criterionIdField,
  kind: z.literal('test'),
  path: z
    .string()
    .describe(
      "Where the file goes, relative to the project root, named as a test so the project's test runner finds it (e.g. tests/acceptance/ac-3.test.js, tests/test_ac_3.py)",
    ),
  content: z
    .string()
    .min(1)
    .describe(
      "The test file. It may import the product's own modules, not its tests or test helpers, which are not there when it runs",
    ),
});

export const acceptanceCheckSchema = z.discriminatedUnion('kind', [
  httpCheckSchema,
  commandCheckSchema,
  testCheckSchema,
]);
export type AcceptanceCheck = z.infer<typeof acceptanceCheckSchema>;

/** The verifier's answer: one or more black-box checks for every criterion. */
export const acceptanceChecksSchema = z.object({
  checks: z.array(acceptanceCheckSchema),
});
export type AcceptanceChecks = z.infer<typeof acceptanceChecksSchema>;
/** The verifier's answer as written, defaults left out. */
export type AcceptanceChecksInput = z.input<typeof acceptanceChecksSchema>;

/** How one check went, as Loki ran and judged it: what was expected, what happened. */
export const checkResultSchema = z.object({
  criterionId: z.string(),
  kind: z.enum(['http', 'command', 'test']),
  /** What was run, in a few words: `GET /health`, `$ node cli.js --help`, a test file. */
  subject: z.string(),
  passed: z.boolean(),
  expected: z.string(),
  observed: z.string(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** A criterion's verdict: met only when every one of its checks passed. */
export const criterionResultSchema = productCriterionSchema.extend({
  passed: z.boolean(),
  checks: z.array(checkResultSchema),
});
export type CriterionResult = z.infer<typeof criterionResultSchema>;
