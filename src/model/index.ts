export { modelRoles, modelRoleSchema, type ModelRole } from './model-role.ts';
export {
  providers,
  providerNames,
  parseModelSpec,
  formatModelSpec,
  isProviderName,
  type ModelSpec,
  type ProviderName,
} from './model-spec.ts';
export {
  modelSettingsSchema,
  providerSettingsSchema,
  callSettingsSchema,
  secretReferenceSchema,
  type ModelSettings,
  type ProviderSettings,
  type CallSettings,
} from './model-settings.ts';
export {
  defaultPrices,
  findPrice,
  costOf,
  modelPriceSchema,
  type ModelPrice,
} from './price-table.ts';
export { ModelCatalog } from './model-catalog.ts';
export { ModelGateway, type ModelGatewayOptions, type ModelCallResult } from './model-gateway.ts';
export {
  generateObject,
  type GenerateObjectOptions,
  type GenerateObjectResult,
} from './generate-object.ts';
export { checkModelAccess } from './check-model-access.ts';
export { chooseDefaultModel } from './choose-default-model.ts';
export { createLanguageModel, loadScriptedSession } from './create-language-model.ts';
export { keyVariableOf, type Environment } from './provider-access.ts';
export type { ModelRequest, ToolDefinition } from './model-request.ts';
export type { ModelReply, ToolCall } from './model-reply.ts';
export { ScriptedModel } from './scripted-model.ts';
export {
  scriptedSessionSchema,
  type ScriptedSession,
  type ScriptedReply,
} from './scripted-session.ts';
export { retryWithBackoff, abortableSleep, type RetryOptions } from './retry-with-backoff.ts';
