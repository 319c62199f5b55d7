import type { LokiConfig } from '../config/index.ts';

/**
 * A plain statement that the run replays a scripted model session, and how to run the same
 * PRD with a real model; null when no role uses a scripted model.
 */
export function scriptedNotice(config: LokiConfig, prdPath: string): string | null {
  const models = [config.model, ...Object.values(config.roles)].filter((model): model is string =>
    Boolean(model),
  );
  const scripted = models.find((model) => model.startsWith('scripted/'));
  if (!scripted) return null;
  return [
    `Note: this run replays a scripted model session (${scripted.slice('scripted/'.length)}): every model reply is pre-recorded and no model is called.`,
    'To run the same PRD with a real model, give it a model and its key, e.g.:',
    `  ANTHROPIC_API_KEY=… loki run ${prdPath} --model anthropic/claude-sonnet-4-5`,
    `  loki run ${prdPath} --model ollama/qwen2.5-coder        (with Ollama running locally)`,
  ].join('\n');
}
