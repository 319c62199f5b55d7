import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { LokiError } from '../../core/index.ts';
import {
  chooseTarget,
  deployProject,
  deploySourceOf,
  deployTargetNames,
} from '../../deploy/index.ts';
import { auditPolicySchema, failingFrom, severities, summaryLine } from '../../guard/index.ts';
import {
  auditDirectory,
  reviewDirectory,
  runQualityGates,
  runStandalone,
} from '../../pipeline/index.ts';
import { reviewSeverities } from '../../review/index.ts';
import { explainStack } from '../../stacks/index.ts';
import { createCommandRunner } from '../../workspace/index.ts';
import { configOf, openProjectJournal, type DoorContext } from '../door-context.ts';

const directory = z
  .string()
  .trim()
  .min(1, 'give the directory of the project')
  .describe('The project directory, absolute or relative to where the server runs');

/** The directory a call names, resolved where the server runs; a missing one is bad input. */
async function projectRoot(context: DoorContext, dir: string): Promise<string> {
  const root = resolve(context.cwd, dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory())
    throw new LokiError({
      code: 'project.not-found',
      category: 'bad-input',
      message: `${dir} ${info ? 'is not a directory' : 'does not exist'}; give the directory of the project`,
      details: { path: root },
    });
  return root;
}

/**
 * `loki_audit`, `loki_gates` and `loki_deploy`: single stages on an existing project, through
 * the same functions as `loki audit`, `loki gates` and `loki deploy` (journaled the same way).
 */
export function registerStageTools(server: McpServer, context: DoorContext): void {
  server.registerTool(
    'loki_audit',
    {
      title: 'Security audit of a project',
      description:
        'Trojan Source and invisible characters, homoglyph identifiers, secrets and injection patterns; passed is false when the policy fails.',
      inputSchema: z.strictObject({
        dir: directory,
        failOn: z
          .enum([...severities, 'never'])
          .optional()
          .describe('Fail from this severity up (default: the audit policy)'),
      }),
      annotations: { readOnlyHint: true },
    },
    async ({ dir, failOn }) => {
      const root = await projectRoot(context, dir);
      const policy = failOn ? failingFrom(auditPolicySchema.parse({}), failOn) : undefined;
      const { config } = await configOf(context);
      using journal = openProjectJournal(context, config.journal);
      const { report, runId } = await auditDirectory({ journal, root, policy });
      const result = {
        runId,
        root,
        passed: report.passed,
        findings: report.findings.slice(0, 50),
      };
      return {
        content: [{ type: 'text', text: summaryLine(report) }],
        structuredContent: result,
      };
    },
  );

  server.registerTool(
    'loki_review',
    {
      title: 'Review a project',
      description:
        'The security, performance and architecture reviewers on a git repository (the diff since base, or the whole tree): analyzers first, then the configured model; passed is false when a finding is at or above failOn.',
      inputSchema: z.strictObject({
        dir: directory,
        base: z.string().min(1).optional().describe('Review the changes since this revision'),
        failOn: z
          .enum(reviewSeverities)
          .optional()
          .describe('The lowest severity that fails the review (default high)'),
      }),
      annotations: { readOnlyHint: true },
    },
    async ({ dir, base, failOn }) => {
      const root = await projectRoot(context, dir);
      const { config } = await configOf(context);
      using journal = openProjectJournal(context, config.journal);
      const model: { skipped: string | null } = { skipped: null };
      const { output, runId, passed } = await reviewDirectory({
        journal,
        config,
        env: context.env,
        root,
        base: base ?? null,
        lessons: [],
        failOn: failOn ?? 'high',
        useModel: true,
        onModelSkipped: (reason) => (model.skipped = reason),
      });
      const lines = output.findings.map(
        (finding) =>
          `${finding.severity} ${finding.reviewer} ${finding.file}:${finding.line} ${finding.title}`,
      );
      const text = [
        `${output.findings.length} finding(s); ${passed ? 'passed' : 'failed'} at ${failOn ?? 'high'}`,
        ...(model.skipped ? [`model judgement skipped: ${model.skipped}`] : []),
        ...lines.slice(0, 50),
      ].join('\n');
      return {
        content: [{ type: 'text', text }],
        structuredContent: { runId, root, passed, modelSkipped: model.skipped, ...output },
      };
    },
  );

  server.registerTool(
    'loki_gates',
    {
      title: 'Quality gates of a project',
      description:
        'Tests, line coverage, lint, test integrity and the security audit of a Node or Python project, each measured against its threshold.',
      inputSchema: z.strictObject({
        dir: directory,
        base: z
          .string()
          .min(1)
          .optional()
          .describe('Judge test integrity by what changed since this commit'),
        minCoverage: z
          .number()
          .min(0)
          .max(100)
          .optional()
          .describe('Line coverage needed (default 80)'),
      }),
      annotations: { readOnlyHint: true },
    },
    async ({ dir, base, minCoverage }) => {
      const root = await projectRoot(context, dir);
      const detection = await explainStack(root);
      if (!detection.stack)
        throw new LokiError({
          code: 'project.unknown-stack',
          category: 'bad-input',
          message: `${dir} is not a project Loki can check: ${detection.reason}`,
          details: { root },
        });
      const { config } = await configOf(context);
      const thresholds = {
        ...config.gates,
        ...(minCoverage === undefined ? {} : { minCoveragePercent: minCoverage }),
      };
      const runner = await createCommandRunner({ root, sandbox: config.sandbox });
      using journal = openProjectJournal(context, config.journal);
      const { output: gates, runId } = await runStandalone(
        { journal, kind: 'gates', target: root, title: 'Quality gates' },
        async () => {
          const measured = await runQualityGates(runner, thresholds, { base });
          const failed = measured.gates.filter((gate) => !gate.passed).map((gate) => gate.gate);
          return {
            output: measured.gates,
            passed: measured.passed,
            summary: measured.passed ? 'all gates pass' : `failing: ${failed.join(', ')}`,
          };
        },
      );
      const passed = gates.every((gate) => gate.passed);
      const text = gates
        .map(
          (gate) =>
            `${gate.gate}: ${gate.passed ? 'pass' : 'FAIL'} — ${gate.measured} (needs ${gate.threshold})`,
        )
        .join('\n');
      return {
        content: [{ type: 'text', text }],
        structuredContent: { runId, root, passed, gates },
      };
    },
  );

  server.registerTool(
    'loki_deploy',
    {
      title: 'Deploy a project',
      description:
        'Build, stage, health-check and promote a Node or Python project (blue/green on a stable URL for the local target); returns the URL.',
      inputSchema: z.strictObject({
        dir: directory,
        target: z.enum(deployTargetNames).optional().describe('Where to deploy (default: local)'),
        project: z
          .string()
          .min(1)
          .optional()
          .describe('The project name (default: the directory name)'),
      }),
    },
    async ({ dir, target: targetName, project }) => {
      const root = await projectRoot(context, dir);
      const { config } = await configOf(context);
      const target = chooseTarget(targetName ?? config.deployTarget, {
        env: context.env,
        sandbox: config.sandbox,
      });
      const source = await deploySourceOf(root, { project });
      using journal = openProjectJournal(context, config.journal);
      const { output, runId } = await runStandalone(
        { journal, kind: 'deploy', target: root, title: 'Deployment' },
        async () => {
          const outcome = await deployProject(target, source);
          return {
            output: outcome,
            passed: true,
            summary: `${outcome.project} v${outcome.version} live at ${outcome.url} (${outcome.target})`,
          };
        },
      );
      return {
        content: [
          { type: 'text', text: `${output.project} v${output.version} is live at ${output.url}` },
        ],
        structuredContent: { runId, ...output },
      };
    },
  );
}
