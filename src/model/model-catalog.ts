import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createLanguageModel } from './create-language-model.ts';
import { chooseDefaultModel } from './choose-default-model.ts';
import { formatModelSpec, parseModelSpec, type ModelSpec } from './model-spec.ts';
import { modelRoles, type ModelRole } from './model-role.ts';
import type { ModelSettings } from './model-settings.ts';
import type { Environment } from './provider-access.ts';

/** Which model serves which role, and the AI SDK model object for each, built once. */
export class ModelCatalog {
  readonly specs: Record<ModelRole, ModelSpec>;
  readonly settings: ModelSettings;
  readonly #models = new Map<string, LanguageModelV4>();
  readonly #env: Environment;
  readonly #create: typeof createLanguageModel;
  /** True when no model was configured and one was picked from the environment. */
  readonly modelChosenByDefault: boolean;

  constructor(
    settings: ModelSettings,
    env: Environment,
    create: typeof createLanguageModel = createLanguageModel,
  ) {
    this.settings = settings;
    this.#env = env;
    this.#create = create;
    this.modelChosenByDefault = settings.model === undefined;
    const fallback = settings.model ?? chooseDefaultModel(env);
    const fallbackSource = settings.model
      ? 'the configured model (LOKI_MODEL, --model or "model")'
      : 'the default model';
    this.specs = Object.fromEntries(
      modelRoles.map((role) => {
        const value = settings.roles[role];
        return [
          role,
          value
            ? parseModelSpec(value, `the ${role} model ("roles.${role}")`)
            : parseModelSpec(fallback, fallbackSource),
        ];
      }),
    ) as Record<ModelRole, ModelSpec>;
  }

  /** Each distinct model in use, once. */
  distinctSpecs(): ModelSpec[] {
    const seen = new Map(Object.values(this.specs).map((spec) => [formatModelSpec(spec), spec]));
    return [...seen.values()];
  }

  /** `provider/model` per role, for display and the journal. */
  describe(): Record<ModelRole, string> {
    return Object.fromEntries(
      modelRoles.map((role) => [role, formatModelSpec(this.specs[role])]),
    ) as Record<ModelRole, string>;
  }

  modelFor(role: ModelRole): { spec: ModelSpec; name: string; model: LanguageModelV4 } {
    const spec = this.specs[role];
    const name = formatModelSpec(spec);
    let model = this.#models.get(name);
    if (!model) {
      model = this.#create(spec, this.settings, this.#env);
      this.#models.set(name, model);
    }
    return { spec, name, model };
  }
}
