// Pure edits of the config section we own. Each returns a new document and keeps every key it does not own.
import { buildAliasIndex, lookupAlias, validateAliasName } from "./aliases.js";
import {
  configuredModels,
  type ModelEntry,
  type ModelsConfig,
  readDefaultsSelection,
  type SelectionKind,
} from "./config.js";
import { resolveConfiguredPrimary } from "./config-primary.js";
import { ModelRefError, quote } from "./errors.js";
import { addToFallbacks, removeFromFallbacks } from "./fallbacks.js";
import { canonicalKey, type ResolveContext, type ResolvedModelRef, resolveModelRef } from "./resolve.js";

type Json = Record<string, unknown>;

/** A map keyed by names from the file: without a prototype, `__proto__` or `constructor` is a key like any other. */
const modelMap = (): Record<string, ModelEntry> => Object.create(null);

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Copies the path `agents.defaults` down from the root so it can be changed without touching the input. */
function cloneDefaults(config: ModelsConfig): { root: Json; defaults: Json } {
  const root: Json = { ...config };
  const agents: Json = isRecord(root.agents) ? { ...root.agents } : {};
  const defaults: Json = isRecord(agents.defaults) ? { ...agents.defaults } : {};
  agents.defaults = defaults;
  root.agents = agents;
  return { root, defaults };
}

/** Resolution context from the config itself: its aliases and the default provider. */
export function resolveContextOf(config: ModelsConfig, defaultProvider?: string): ResolveContext {
  const aliases = buildAliasIndex(configuredModels(config));
  return defaultProvider === undefined ? { aliases } : { aliases, defaultProvider };
}

/** Resolves user input against the config's aliases; the profile pin is refused where a model key is stored. */
export function resolveForConfig(
  config: ModelsConfig,
  raw: string,
  defaultProvider?: string,
): ResolvedModelRef {
  const resolved = resolveModelRef(raw, resolveContextOf(config, defaultProvider));
  if (resolved.ref.profileId !== undefined) {
    throw new ModelRefError(
      "MODEL_REF_INVALID",
      `Invalid model reference ${quote(raw)}: a profile pin (@${resolved.ref.profileId}) cannot be stored here. Use ${resolved.key}.`,
      { input: raw },
    );
  }
  return resolved;
}

/** The key the config's primary resolves to, or the string unchanged when it does not resolve (hand-edited junk). */
function configuredPrimaryKey(raw: string, config: ModelsConfig): string {
  try {
    return resolveConfiguredPrimary(raw, config).key;
  } catch {
    return raw;
  }
}

function withModelEntry(defaults: Json, key: string): void {
  const models = Object.assign(modelMap(), isRecord(defaults.models) ? defaults.models : {});
  if (!isRecord(models[key])) models[key] = {};
  defaults.models = models;
}

/**
 * Writes a selection in the object form. `fallbacks` undefined leaves the key as it is (absent stays absent),
 * for edits that do not touch the chain.
 */
function writeSelection(
  defaults: Json,
  kind: SelectionKind,
  primary: string | undefined,
  fallbacks: string[] | undefined,
): void {
  const current = defaults[kind];
  const next: Json = isRecord(current) ? { ...current } : {};
  if (primary === undefined) delete next.primary;
  else next.primary = primary;
  if (fallbacks !== undefined) next.fallbacks = fallbacks;
  defaults[kind] = next;
}

/**
 * Sets the primary of `model` or `imageModel` to a canonical key. The key joins the configured models, and leaves
 * the same chain's fallbacks, since a chain never lists its own primary. A selection without fallbacks (the
 * string form, or an object without the key) gets none written, as OpenClaw's `models set` does.
 */
export function setPrimary(config: ModelsConfig, kind: SelectionKind, key: string): ModelsConfig {
  const context = resolveContextOf(config);
  const { fallbacks } = readDefaultsSelection(config, kind);
  const current = config.agents?.defaults?.[kind];
  const hasFallbacks = isRecord(current) && Object.hasOwn(current, "fallbacks");
  const { root, defaults } = cloneDefaults(config);
  writeSelection(
    defaults,
    kind,
    key,
    hasFallbacks ? fallbacks.filter((entry) => canonicalKey(entry, context) !== key) : undefined,
  );
  withModelEntry(defaults, key);
  return root as ModelsConfig;
}

/** Appends a canonical key to a fallback chain (no-op when present); it joins the configured models. */
export function addFallback(config: ModelsConfig, kind: SelectionKind, key: string): ModelsConfig {
  const context = resolveContextOf(config);
  const { primary, fallbacks } = readDefaultsSelection(config, kind);
  const keyOf = (entry: string) => canonicalKey(entry, context);
  // The default model's primary is read as OpenClaw reads it (a bare id may take a configured provider).
  const primaryKey = (raw: string) => (kind === "model" ? configuredPrimaryKey(raw, config) : keyOf(raw));
  const next = addToFallbacks(
    fallbacks,
    key,
    primary === undefined ? { keyOf } : { keyOf, primary: primaryKey(primary) },
  );
  const { root, defaults } = cloneDefaults(config);
  writeSelection(defaults, kind, primary, next);
  withModelEntry(defaults, key);
  return root as ModelsConfig;
}

/**
 * Replaces a fallback chain with canonical keys, in order (duplicates and the primary left out, as `addFallback`
 * leaves them); each joins the configured models. What `models scan` applies.
 */
export function replaceFallbacks(
  config: ModelsConfig,
  kind: SelectionKind,
  keys: readonly string[],
): ModelsConfig {
  return keys.reduce(
    (next, key) => {
      try {
        return addFallback(next, kind, key);
      } catch (error) {
        if (ModelRefError.isInstance(error) && error.code === "FALLBACK_IS_PRIMARY") return next;
        throw error;
      }
    },
    clearFallbacks(config, kind),
  );
}

/** Removes a fallback named by canonical key; `raw` is what the user typed, for the error message. */
export function removeFallback(
  config: ModelsConfig,
  kind: SelectionKind,
  key: string,
  raw?: string,
): ModelsConfig {
  const context = resolveContextOf(config);
  const { primary, fallbacks } = readDefaultsSelection(config, kind);
  const next = removeFromFallbacks(fallbacks, key, {
    keyOf: (entry) => canonicalKey(entry, context),
    ...(raw === undefined ? {} : { raw }),
  });
  const { root, defaults } = cloneDefaults(config);
  writeSelection(defaults, kind, primary, next);
  return root as ModelsConfig;
}

export function clearFallbacks(config: ModelsConfig, kind: SelectionKind): ModelsConfig {
  const { primary } = readDefaultsSelection(config, kind);
  const { root, defaults } = cloneDefaults(config);
  writeSelection(defaults, kind, primary, []);
  return root as ModelsConfig;
}

/**
 * Points `alias` at a canonical key. An alias names one model (re-using it moves it) and a model has one alias
 * (a new alias replaces the old one).
 */
export function setAlias(config: ModelsConfig, rawAlias: string, key: string): ModelsConfig {
  const alias = validateAliasName(rawAlias);
  const lowered = alias.toLowerCase();
  const { root, defaults } = cloneDefaults(config);
  const models = modelMap();
  for (const [entryKey, entry] of Object.entries(configuredModels(config))) {
    if (entryKey !== key && entry.alias?.trim().toLowerCase() === lowered) {
      const { alias: _moved, ...rest } = entry;
      models[entryKey] = rest;
    } else {
      models[entryKey] = entry;
    }
  }
  models[key] = { ...(models[key] ?? {}), alias };
  defaults.models = models;
  return root as ModelsConfig;
}

/** Removes an alias (case-insensitive); the model stays configured. */
export function removeAlias(config: ModelsConfig, rawAlias: string): ModelsConfig {
  const hit = lookupAlias(buildAliasIndex(configuredModels(config)), rawAlias);
  if (!hit) {
    const known = [...buildAliasIndex(configuredModels(config)).values()].map((entry) => entry.alias);
    throw new ModelRefError(
      "ALIAS_NOT_FOUND",
      `Alias not found: ${rawAlias}. ${known.length === 0 ? "No aliases are configured." : `Known aliases: ${known.join(", ")}.`}`,
      { input: rawAlias },
    );
  }
  const { root, defaults } = cloneDefaults(config);
  const models = modelMap();
  for (const [entryKey, entry] of Object.entries(configuredModels(config))) {
    if (entry.alias?.trim().toLowerCase() === hit.alias.toLowerCase()) {
      const { alias: _removed, ...rest } = entry;
      models[entryKey] = rest;
    } else {
      models[entryKey] = entry;
    }
  }
  defaults.models = models;
  return root as ModelsConfig;
}
