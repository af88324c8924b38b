// What model an agent uses, and how that was decided: the model part of `models status`, as plain data.
import { buildAliasIndex } from "./aliases.js";
import { configuredModels, findAgent, type ModelsConfig, readSelection } from "./config.js";
import { ModelRefError } from "./errors.js";
import { modelKey } from "./parse.js";
import { DEFAULT_MODEL, DEFAULT_PROVIDER } from "./providers.js";
import { type ResolvedVia, resolveModelRef } from "./resolve.js";

export type SelectionSource = "agent" | "defaults" | "built-in" | "providers";

export interface DefaultResolution {
  /** How the default was reached: through an alias, written out, via the default provider, or not configured at all. */
  readonly via: ResolvedVia | "built-in" | "first-configured-provider";
  readonly alias?: string;
}

export interface ModelSelectionView {
  /** The configured primary as written (alias, bare id or ref), or the built-in default. */
  readonly defaultModel: string;
  readonly resolvedDefault: string;
  readonly resolution: DefaultResolution;
  readonly fallbacks: string[];
  readonly imageModel: string | null;
  readonly imageFallbacks: string[];
  readonly aliases: Record<string, string>;
  /** Configured models (the allowlist); empty means every model is allowed. */
  readonly allowed: string[];
  readonly defaultSource: SelectionSource;
  readonly fallbacksSource: SelectionSource;
}

/** The built-in default when nothing is configured: the first model of the first custom provider, else openai/gpt-5.5. */
function builtInDefault(config: ModelsConfig): { key: string; via: DefaultResolution["via"] } {
  const providers = Object.entries(config.models?.providers ?? {});
  const hasDefault = providers.some(([id]) => id.trim().toLowerCase() === DEFAULT_PROVIDER);
  const first = providers.find(([, provider]) => (provider.models ?? []).length > 0);
  if (!hasDefault && first) {
    const [provider, entry] = first;
    const model = entry.models?.[0]?.id;
    if (model) return { key: modelKey({ provider, model }), via: "first-configured-provider" };
  }
  return { key: `${DEFAULT_PROVIDER}/${DEFAULT_MODEL}`, via: "built-in" };
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
  const agentSelection = readSelection(agent?.model);
  const base = readSelection(defaults?.model);
  const image = readSelection(defaults?.imageModel);
  const aliasIndex = buildAliasIndex(configuredModels(config));

  const primary = agentSelection.primary ?? base.primary;
  const agentHasFallbacks =
    agent?.model !== undefined && typeof agent.model === "object" && agent.model.fallbacks !== undefined;
  const fallbacks = agentHasFallbacks ? agentSelection.fallbacks : base.fallbacks;

  let resolvedDefault: string;
  let resolution: DefaultResolution;
  let defaultSource: SelectionSource;
  if (primary === undefined) {
    const fallback = builtInDefault(config);
    resolvedDefault = fallback.key;
    resolution = { via: fallback.via };
    defaultSource = fallback.via === "built-in" ? "built-in" : "providers";
  } else {
    defaultSource = agentSelection.primary !== undefined ? "agent" : "defaults";
    try {
      const resolved = resolveModelRef(primary, { aliases: aliasIndex });
      resolvedDefault = resolved.key;
      resolution =
        resolved.alias === undefined ? { via: resolved.via } : { via: resolved.via, alias: resolved.alias };
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

  // Alias names come from the file: without a prototype, an alias named `__proto__` is kept like any other.
  const aliases: Record<string, string> = Object.create(null);
  for (const entry of aliasIndex.values()) aliases[entry.alias] = entry.key;

  return {
    defaultModel: primary ?? resolvedDefault,
    resolvedDefault,
    resolution,
    fallbacks,
    imageModel: image.primary ?? null,
    imageFallbacks: image.fallbacks,
    aliases,
    allowed: Object.keys(configuredModels(config)),
    defaultSource,
    fallbacksSource: agentHasFallbacks ? "agent" : "defaults",
  };
}
