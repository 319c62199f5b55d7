import { z } from 'zod';
import {
  error,
  parseYaml,
  schemaProblems,
  validation,
  type ArtifactProblem,
  type ArtifactValidation,
} from './artifact-validation.ts';

const dnsName = z
  .string()
  .regex(/^[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?$/, 'expected a lower-case DNS name');
const labels = z
  .record(z.string(), z.string())
  .refine((value) => Object.keys(value).length > 0, 'at least one label');
const portReference = z.union([z.number().int().positive(), z.string().min(1)]);

const probeSchema = z
  .looseObject({
    httpGet: z.looseObject({ path: z.string().startsWith('/'), port: portReference }).optional(),
    tcpSocket: z.looseObject({ port: portReference }).optional(),
    exec: z.looseObject({ command: z.array(z.string()).min(1) }).optional(),
  })
  .refine(
    (probe) => probe.httpGet ?? probe.tcpSocket ?? probe.exec,
    'a probe needs httpGet, tcpSocket or exec',
  );

const containerSchema = z.looseObject({
  name: dnsName,
  image: z.string().min(1),
  ports: z
    .array(
      z.looseObject({ name: z.string().optional(), containerPort: z.number().int().positive() }),
    )
    .optional(),
  readinessProbe: probeSchema,
  livenessProbe: probeSchema,
});

const deploymentSchema = z.looseObject({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('Deployment'),
  metadata: z.looseObject({ name: dnsName }),
  spec: z.looseObject({
    selector: z.looseObject({ matchLabels: labels }),
    template: z.looseObject({
      metadata: z.looseObject({ labels }),
      spec: z.looseObject({ containers: z.array(containerSchema).min(1) }),
    }),
  }),
});

const serviceSchema = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Service'),
  metadata: z.looseObject({ name: dnsName }),
  spec: z.looseObject({
    selector: labels,
    ports: z
      .array(
        z.looseObject({ port: z.number().int().positive(), targetPort: portReference.optional() }),
      )
      .min(1),
  }),
});

const anyObjectSchema = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.looseObject({ name: dnsName }),
});

type Deployment = z.infer<typeof deploymentSchema>;
type Container = z.infer<typeof containerSchema>;

const matches = (selector: Record<string, string>, labelSet: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labelSet[key] === value);

const exposes = (container: Container, port: number | string): boolean =>
  (container.ports ?? []).some((entry) => entry.containerPort === port || entry.name === port);

function deploymentProblems(deployment: Deployment, prefix: string): ArtifactProblem[] {
  const problems: ArtifactProblem[] = [];
  const { matchLabels } = deployment.spec.selector;
  if (!matches(matchLabels, deployment.spec.template.metadata.labels)) {
    problems.push(
      error(
        `${prefix}spec.selector.matchLabels does not match spec.template.metadata.labels: the Deployment would select none of its own pods`,
      ),
    );
  }
  for (const container of deployment.spec.template.spec.containers) {
    for (const kind of ['readinessProbe', 'livenessProbe'] as const) {
      const probe = container[kind];
      const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
      if (port !== undefined && !exposes(container, port)) {
        problems.push(
          error(
            `${prefix}container "${container.name}" ${kind} probes port ${port}, which the container does not declare`,
          ),
        );
      }
    }
  }
  return problems;
}

/**
 * Checks Kubernetes manifest files together: each document parses and has apiVersion, kind and
 * name; a Deployment's selector matches its pod labels and each container has readiness and
 * liveness probes on a port it declares; a Service selects the pods of a Deployment among the
 * files and targets a port they declare. Returns one validation per text, in order.
 */
export function validateKubernetes(texts: string[]): ArtifactValidation[] {
  const parsed = texts.map((text) => parseYaml(text));
  const deployments: Deployment[] = [];
  const problemsByText = parsed.map((file) => {
    if (file.documents === null) return file.problems;
    const problems: ArtifactProblem[] = [];
    file.documents.forEach((document, index) => {
      const prefix = file.documents.length > 1 ? `document ${index + 1}: ` : '';
      const base = schemaProblems(anyObjectSchema, document, prefix);
      if (base.value === null) return problems.push(...base.problems);
      if (base.value.kind === 'Deployment') {
        const checked = schemaProblems(deploymentSchema, document, prefix);
        problems.push(...checked.problems);
        if (checked.value !== null) {
          deployments.push(checked.value);
          problems.push(...deploymentProblems(checked.value, prefix));
        }
      }
      return undefined;
    });
    return problems;
  });
  // Services are checked once every Deployment of every file is known.
  parsed.forEach((file, fileIndex) => {
    file.documents?.forEach((document, index) => {
      // A document without apiVersion, kind or name was reported above.
      if (!anyObjectSchema.safeParse(document).success) return;
      if ((document as { kind: string }).kind !== 'Service') return;
      const prefix = file.documents.length > 1 ? `document ${index + 1}: ` : '';
      const checked = schemaProblems(serviceSchema, document, prefix);
      const problems = problemsByText[fileIndex]!;
      problems.push(...checked.problems);
      if (checked.value === null) return;
      const service = checked.value;
      const target = deployments.find((deployment) =>
        matches(service.spec.selector, deployment.spec.template.metadata.labels),
      );
      if (target === undefined) {
        problems.push(
          error(
            `${prefix}Service "${service.metadata.name}" selects no pods of any Deployment in these files`,
          ),
        );
        return;
      }
      for (const port of service.spec.ports) {
        const targetPort = port.targetPort ?? port.port;
        if (
          !target.spec.template.spec.containers.some((container) => exposes(container, targetPort))
        ) {
          problems.push(
            error(
              `${prefix}Service "${service.metadata.name}" targets port ${targetPort}, which Deployment "${target.metadata.name}" does not declare`,
            ),
          );
        }
      }
    });
  });
  return problemsByText.map(validation);
}
