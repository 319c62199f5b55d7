export {
  lokiConfigSchema,
  gateThresholdsSchema,
  type GateThresholds,
  type LokiConfig,
  type LokiConfigInput,
} from './config-schema.ts';
export { loadConfig, type LoadConfigOptions, type ResolvedConfig } from './load-config.ts';
export { durationSchema, formatDuration } from './duration.ts';
export { configJsonSchema } from './config-json-schema.ts';
