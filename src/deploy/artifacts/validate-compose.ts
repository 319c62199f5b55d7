import { z } from 'zod';
import {
  error,
  parseYaml,
  schemaProblems,
  validation,
  warning,
  type ArtifactValidation,
} from './artifact-validation.ts';

const duration = z
  .string()
  .regex(/^\d+(?:\.\d+)?(?:us|ms|s|m|h)(?:\d+(?:us|ms|s|m|h))*$/, 'expected a duration like 10s');

const healthcheckSchema = z.looseObject({
  test: z.union([
    z.string().min(1),
    z
      .array(z.string())
      .min(2)
      .refine(
        (test) => ['CMD', 'CMD-SHELL', 'NONE'].includes(test[0]!),
        'the first item must be CMD, CMD-SHELL or NONE',
      ),
  ]),
  interval: duration.optional(),
  timeout: duration.optional(),
  start_period: duration.optional(),
  retries: z.number().int().positive().optional(),
});

const portSchema = z.union([
  z
    .string()
    .regex(
      /^(?:[\d.]+:)?\d+(?:-\d+)?(?::\d+(?:-\d+)?)?(?:\/(?:tcp|udp))?$/,
      'expected "host:container" like "3000:3000"',
    ),
  z.number().int().positive(),
  z.looseObject({ target: z.number().int().positive() }),
]);

const serviceSchema = z
  .looseObject({
    image: z.string().min(1).optional(),
    build: z.union([z.string().min(1), z.looseObject({ context: z.string().min(1) })]).optional(),
    ports: z.array(portSchema).optional(),
    environment: z
      .union([
        z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
        z.array(z.string()),
      ])
      .optional(),
    depends_on: z
      .union([
        z.array(z.string()),
        z.record(
          z.string(),
          z.looseObject({
            condition: z.enum([
              'service_started',
              'service_healthy',
              'service_completed_successfully',
            ]),
          }),
        ),
      ])
      .optional(),
    healthcheck: healthcheckSchema.optional(),
  })
  .refine(
    (service) => service.image !== undefined || service.build !== undefined,
    'a service needs an image or a build',
  );

/** The fields of a compose file Loki relies on. */
export const composeSchema = z.looseObject({
  services: z
    .record(z.string(), serviceSchema)
    .refine((services) => Object.keys(services).length > 0, 'at least one service'),
  volumes: z.record(z.string(), z.unknown()).nullish(),
});

/**
 * Checks a compose file: it parses, its services have an image or build, ports and healthchecks
 * are well formed, every `depends_on` names a service, `service_healthy` waits only on services
 * that have a healthcheck, and named volumes are declared. A published service without a
 * healthcheck is a warning: nothing then says it is up.
 */
export function validateCompose(text: string): ArtifactValidation {
  const parsed = parseYaml(text);
  if (parsed.documents === null) return validation(parsed.problems);
  if (parsed.documents.length !== 1)
    return validation([error(`expected one YAML document, found ${parsed.documents.length}`)]);
  const { value, problems } = schemaProblems(composeSchema, parsed.documents[0]);
  if (value === null) return validation(problems);
  for (const [name, service] of Object.entries(value.services)) {
    const dependencies = Array.isArray(service.depends_on)
      ? service.depends_on.map((dependency) => [dependency, 'service_started'] as const)
      : Object.entries(service.depends_on ?? {}).map(
          ([dependency, rule]) => [dependency, rule.condition] as const,
        );
    for (const [dependency, condition] of dependencies) {
      const target = value.services[dependency];
      if (target === undefined)
        problems.push(error(`services.${name}.depends_on: no service named "${dependency}"`));
      else if (condition === 'service_healthy' && target.healthcheck === undefined) {
        problems.push(
          error(
            `services.${name}.depends_on.${dependency}: waits for it to be healthy, but "${dependency}" has no healthcheck`,
          ),
        );
      }
    }
    for (const volume of (service['volumes'] as unknown[] | undefined) ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : undefined;
      if (source !== undefined && /^[\w-]+$/.test(source) && !(source in (value.volumes ?? {}))) {
        problems.push(
          error(
            `services.${name}.volumes: the named volume "${source}" is not declared under volumes`,
          ),
        );
      }
    }
    if (service.ports !== undefined && service.healthcheck === undefined) {
      problems.push(warning(`services.${name} publishes ports but has no healthcheck`));
    }
  }
  return validation(problems);
}
