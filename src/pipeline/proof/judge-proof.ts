import type { ProofFacts, ProofHeadline } from './proof-schema.ts';

/**
 * The headline of a receipt: NOT VERIFIED when a fact contradicts "done" (the run did not
 * succeed, a task's last test run failed, a gate, an acceptance criterion, the audit or the
 * deployment failed), VERIFIED WITH GAPS when a kind of evidence is missing, else VERIFIED. Every reason is named.
 */
export function judgeProof(facts: ProofFacts): { headline: ProofHeadline; gaps: string[] } {
  const failures: string[] = [];
  const missing: string[] = [];
  if (facts.run.status !== 'succeeded')
    failures.push(
      `the run ${facts.run.status}${facts.run.stopReason ? ` (${facts.run.stopReason})` : ''}`,
    );
  const lastRuns = new Map(facts.commands.map((command) => [command.taskId, command]));
  for (const [taskId, command] of lastRuns) {
    if (command.exitCode !== 0 || command.failed > 0 || command.total === 0)
      failures.push(
        `the last test run of ${taskId} did not pass (${command.passed}/${command.total}, exit ${command.exitCode ?? 'killed'})`,
      );
  }
  if (facts.gates && !facts.gates.passed)
    failures.push(
      `quality gates failed: ${facts.gates.gates
        .filter((gate) => !gate.passed)
        .map((gate) => `${gate.gate} ${gate.measured} (needs ${gate.threshold})`)
        .join(', ')}`,
    );
  if (facts.audit && !facts.audit.passed)
    failures.push(`the security audit failed with ${facts.audit.blocking} blocking finding(s)`);
  for (const criterion of facts.acceptance?.criteria ?? []) {
    if (!criterion.passed)
      failures.push(
        `acceptance criterion ${criterion.id}${criterion.heldOut ? ' (held out)' : ''} is not met: ${criterion.text}`,
      );
  }
  if (facts.deployment && !facts.deployment.healthy)
    failures.push('the deployment did not pass its health check');
  if (!facts.repository)
    missing.push('no product repository was recorded, so no commits or diff can be checked');
  if (facts.commands.length === 0) missing.push('no test run was recorded');
  if (!facts.gates) missing.push('the quality gates were not measured in this run');
  if (!facts.audit) missing.push('the security audit did not run');
  if (!facts.deployment)
    missing.push('the product was not deployed, so no health response was recorded');
  if (failures.length > 0) return { headline: 'NOT VERIFIED', gaps: [...failures, ...missing] };
  return { headline: missing.length > 0 ? 'VERIFIED WITH GAPS' : 'VERIFIED', gaps: missing };
}
