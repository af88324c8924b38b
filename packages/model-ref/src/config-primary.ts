// How OpenClaw reads a primary written in the config without a provider: alias, then the one configured provider
// that has that model id, then the default provider (which deserves a warning).
import { buildAliasIndex } from "./aliases.js";
import { configuredModels, type ModelsConfig } from "./config.js";
import { parseModelRef } from "./parse.js";
import { parseProviderId } from "./providers.js";
import { type ResolvedModelRef, resolveModelRef } from "./resolve.js";

export interface ConfiguredPrimary extends ResolvedModelRef {
  /** When `via` is `default-provider` because more than one configured provider has the model id: those providers. */
  readonly ambiguousProviders?: readonly string[];
}

/**
 * The providers (canonical ids, sorted) that have `model` among the configured models: the keys of
 * `agents.defaults.models` and the ids under `models.providers.*.models`, compared case-insensitively.
 */
export function providersWithModel(config: ModelsConfig, model: string): string[] {
  const wanted = model.trim().toLowerCase();
  const providers = new Set<string>();
  if (wanted === "") return [];
  for (const key of Object.keys(configuredModels(config))) {
    // Only written-out keys count: a bare key would itself be read with the default provider.
    if (!key.includes("/")) continue;
    try {
      const ref = parseModelRef(key);
      if (ref.model.toLowerCase() === wanted) providers.add(ref.provider);
    } catch {
      // A key that is no ref names no provider; the allowlist reports it where it is shown.
    }
  }
  for (const [id, provider] of Object.entries(config.models?.providers ?? {})) {
    if (!(provider.models ?? []).some((entry) => entry.id.trim().toLowerCase() === wanted)) continue;
    try {
      providers.add(parseProviderId(id));
    } catch {
      // A provider id no ref could hold cannot be the provider of a ref either.
    }
  }
  return [...providers].sort();
}

/**
 * Resolves the primary of `agents.defaults.model` (or an agent's own primary) the way OpenClaw resolves it: an
 * alias first; a bare model id then takes the provider of the one configured model with that id
 * (`via: "configured-provider"`, the id kept as written); with none or several it is read with the default
 * provider (`via: "default-provider"`, which the caller should warn about). A ref with `/` is taken as written.
 * Fallbacks and the image model do not go through this rule in OpenClaw: a bare one is read with the default
 * provider, as `resolveModelRef` does. Throws `ModelRefError` for input that is no ref.
 */
export function resolveConfiguredPrimary(raw: string, config: ModelsConfig): ConfiguredPrimary {
  const aliases = buildAliasIndex(configuredModels(config));
  const resolved = resolveModelRef(raw, { aliases });
  if (resolved.via !== "default-provider") return resolved;
  const providers = providersWithModel(config, resolved.ref.model);
  const [only] = providers;
  if (providers.length === 1 && only !== undefined) {
    return { ...resolveModelRef(raw, { aliases, defaultProvider: only }), via: "configured-provider" };
  }
  return providers.length > 1 ? { ...resolved, ambiguousProviders: providers } : resolved;
}
