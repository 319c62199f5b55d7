export {
  LokiError,
  errorMessage,
  type ErrorCategory,
  type LokiErrorOptions,
} from './loki-error.ts';
export {
  parseJson,
  describeZodIssues,
  type ParseJsonResult,
  type ParseJsonOptions,
} from './parse-json.ts';
export { systemClock, randomIdGenerator, type Clock, type IdGenerator } from './clock.ts';
export { canonicalJson, stableHash } from './stable-hash.ts';
export { createRedactor, secretValuesOf, redactedMark } from './redact-secrets.ts';
