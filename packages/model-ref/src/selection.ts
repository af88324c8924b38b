// What model an agent uses, and how that was decided: the model part of `models status`, as plain data.
import { buildAliasIndex } from "./aliases.js";
import {
  configuredModels,
  findAgent,
  type ModelsConfig,
  readAgentOverride,
  readSelection,
} from "./config.js";
import { resolveConfiguredPrimary } from "./config-primary.js";
import { ModelRefError } from "./errors.js";
import { type ModelRef, modelKey } from "./parse.js";
import { DEFAULT_MODEL, DEFAULT_PROVIDER, normalizeProviderId } from "./providers.js";
import type { DefaultResolution, ModelSelectionView, SelectionSource } from "./selection-schema.js";

/** The built-in default when nothing is configured: the first model of the first custom provider, else openai/gpt-5.5. */
function builtInDefault(config: ModelsConfig): { ref: ModelRef; via: DefaultResolution["via"] } {
  const providers = Object.entries(config.models?.providers ?? {});
  const hasDefault = providers.some(([id]) => id.trim().toLowerCase() === DEFAULT_PROVIDER);
  const first = providers.find(([, provider]) => (provider.models ?? []).length > 0);
  if (!hasDefault && first) {
    const [provider, entry] = first;
    const model = entry.models?.[0]?.id;
    if (model)
      return { ref: { provider: normalizeProviderId(provider), model }, via: "first-configured-provider" };
  }
  return { ref: { provider: DEFAULT_PROVIDER, model: DEFAULT_MODEL }, via: "built-in" };
}

/**
 * The default model, fallbacks, image model and aliases in effect for `agentId` (or the defaults). Throws
 * `ModelRefError` (CONFIG_INVALID) when the configured primary is not a valid ref.
 */
export function describeModelSelection(
  config: ModelsConfig,
  options: { agentId?: string } = {},
): ModelSelectionView {
  const defaults = config.agents?.defaults;
  const agent = options.agentId === undefined ? undefined : findAgent(config, options.agentId);
  // An agent's own primary replaces the defaults' primary and, unless it lists its own, their fallbacks too.
  const override = readAgentOverride(agent?.model);
  const base = readSelection(defaults?.model);
  const image = readSelection(defaults?.imageModel);
  const aliasIndex = buildAliasIndex(configuredModels(config));

  const primary = override.primary ?? base.primary?.trim();
  const fallbacks = override.fallbacks ?? base.fallbacks;

  let defaultRef: ModelRef;
  let resolution: DefaultResolution;
  let defaultSource: SelectionSource;
  if (primary === undefined) {
    const fallback = builtInDefault(config);
    defaultRef = fallback.ref;
    resolution = { via: fallback.via };
    defaultSource = fallback.via === "built-in" ? "built-in" : "providers";
  } else {
    defaultSource = override.primary !== undefined ? "agent" : "defaults";
    try {
      const resolved = resolveConfiguredPrimary(primary, config);
      defaultRef = resolved.ref;
      resolution = {
        via: resolved.via,
        ...(resolved.alias === undefined ? {} : { alias: resolved.alias }),
        ...(resolved.ambiguousProviders === undefined
          ? {}
          : { ambiguousProviders: [...resolved.ambiguousProviders] }),
      };
    } catch (error) {
      const where =
        defaultSource === "agent" ? `agents.list[${options.agentId}].model` : "agents.defaults.model";
      throw new ModelRefError(
        "CONFIG_INVALID",
        `Config key ${where} holds an invalid default model: ${(error as Error).message}`,
        {
          input: primary,
          cause: error,
        },
      );
    }
  }
  const resolvedDefault = modelKey(defaultRef);

  // Alias names come from the file: without a prototype, an alias named `__proto__` is kept like any other.
  const aliases: Record<string, string> = Object.create(null);
  for (const entry of aliasIndex.values()) aliases[entry.alias] = entry.key;

  return {
    defaultModel: primary ?? resolvedDefault,
    resolvedDefault,
    defaultRef,
    resolution,
    fallbacks,
    imageModel: image.primary ?? null,
    imageFallbacks: image.fallbacks,
    aliases,
    allowed: Object.keys(configuredModels(config)),
    defaultSource,
    fallbacksSource: override.fallbacks === undefined ? "defaults" : "agent",
  };
}
