import { formatDuration } from '../../config/index.ts';
import type { RunSummary } from '../../events/index.ts';

/** A run's summary as a few lines a person or a model reads: outcome, where, cost, stages. */
export function describeSummary(summary: RunSummary): string {
  const reason = summary.stopReason ? ` (${summary.stopReason})` : '';
  const { total } = summary.usage;
  const lines = [
    `Run ${summary.runId} ${summary.status}${reason} in ${formatDuration(summary.durationMs)}.`,
    `Product: ${summary.outDir}`,
    `Models: ${total.calls} calls, ${total.inputTokens} tokens in, ${total.outputTokens} out, $${total.costUsd.toFixed(2)}`,
    'Stages:',
    ...summary.stages.map((stage) => `- ${stage.title}: ${stage.outcome}; ${stage.summary}`),
  ];
  if (summary.error) lines.push(`Error: ${summary.error.message} [${summary.error.code}]`);
  if (summary.status === 'stopped') lines.push(`Continue it with: loki resume ${summary.runId}`);
  return lines.join('\n');
}
