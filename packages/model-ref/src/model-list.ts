// The rows of `models list`: the configured models (default, fallbacks, image model and its fallbacks, the
// allowlist) or, with `all`, every model of the catalog and of `models.providers`, each with its facts and tags.
import type { CatalogEntry, CatalogModality } from "./catalog-schema.js";
import { configuredModels, type ModelsConfig } from "./config.js";
import { resolveContextOf } from "./edit.js";
import { ModelRefError, quote } from "./errors.js";
import type { ModelListRow } from "./model-list-schema.js";
import { getProvider, normalizeProviderId } from "./providers.js";
import { resolveModelRef } from "./resolve.js";
import { describeModelSelection } from "./selection.js";

export type { ModelListRow };

/** A model of `models.providers.<id>.models[]`, as far as a listing reads it. */
interface ConfiguredProviderModel {
  readonly id: string;
  readonly name?: unknown;
  readonly contextWindow?: unknown;
  readonly maxTokens?: unknown;
  readonly input?: unknown;
  readonly reasoning?: unknown;
}

export interface ModelListInput {
  readonly config: ModelsConfig;
  /** A configured agent whose own model replaces the defaults' (as `models status --agent`). */
  readonly agentId?: string;
  /** Catalog entries: `catalogModels()` of `@modelctl/model-ref/catalog`, or a refreshed list. */
  readonly catalog: readonly CatalogEntry[];
  /** Every model of the catalog and of `models.providers`, not only the configured ones. */
  readonly all?: boolean;
  /** A canonical provider id (`parseProviderFilter`): only its models. */
  readonly provider?: string;
  /** Only models whose provider's base URL is on this machine or the local network. */
  readonly local?: boolean;
  /** Whether the provider has a usable credential (`hasUsableCredential` of @modelctl/auth-profiles). */
  readonly available: (provider: string) => boolean;
  /**
   * Live model lists by provider (canonical id), as a provider's own API answered them (`models list --refresh`,
   * @modelctl/probe's model cache). A listed model the catalog lacks is added (`source: "live"`); where a provider
   * has a live list, a model is `available` only if the list holds it.
   */
  readonly live?: Readonly<Record<string, readonly LiveModelFacts[]>>;
}

/** What a provider's model list says of a model. */
export interface LiveModelFacts {
  readonly id: string;
  readonly name?: string | undefined;
  readonly contextWindow?: number | undefined;
  readonly maxOutputTokens?: number | undefined;
}

/**
 * `--provider`'s value as a canonical provider id (`Z.AI` → `zai`). Refuses what is not an id, a display name
 * such as "Anthropic Claude", as OpenClaw does, with code PROVIDER_FILTER_INVALID.
 */
export function parseProviderFilter(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return undefined;
  if (/\s/u.test(trimmed) || trimmed.includes("/"))
    throw new ModelRefError(
      "PROVIDER_FILTER_INVALID",
      `Invalid provider filter ${quote(trimmed)}. Use a provider id such as "moonshot", not a display label.`,
      { input: raw },
    );
  return normalizeProviderId(trimmed);
}

/**
 * Whether a base URL points at this machine or the local network: localhost, a loopback or unspecified address,
 * a `.local` name, or a private IPv4 address, as OpenClaw counts them.
 */
export function isLocalBaseUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (["localhost", "127.0.0.1", "0.0.0.0", "::1", "::ffff:7f00:1", "::ffff:127.0.0.1"].includes(host))
    return true;
  if (host.endsWith(".local")) return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)?.slice(1).map(Number);
  if (!octets || octets.some((octet) => octet > 255)) return false;
  const [a, b] = octets as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** The configured models, in OpenClaw's order, each with its tags: default, fallbacks, image, allowlist. */
function configuredEntries(config: ModelsConfig, agentId: string | undefined): Map<string, string[]> {
  const view = describeModelSelection(config, agentId === undefined ? {} : { agentId });
  const context = resolveContextOf(config);
  const tags = new Map<string, string[]>();
  const add = (key: string, tag: string) => {
    const list = tags.get(key) ?? [];
    if (!list.includes(tag)) list.push(tag);
    tags.set(key, list);
  };
  // A stored ref that does not resolve (hand-edited junk) is left out, as OpenClaw leaves it out.
  const addRaw = (raw: string, tag: string) => {
    let key: string;
    try {
      key = resolveModelRef(raw, context).key;
    } catch {
      return;
    }
    add(key, tag);
  };
  add(view.resolvedDefault, "default");
  view.fallbacks.forEach((raw, index) => {
    addRaw(raw, `fallback#${index + 1}`);
  });
  if (view.imageModel) addRaw(view.imageModel, "image");
  view.imageFallbacks.forEach((raw, index) => {
    addRaw(raw, `img-fallback#${index + 1}`);
  });
  for (const key of Object.keys(configuredModels(config))) addRaw(key, "configured");
  return tags;
}

const splitKey = (key: string) => {
  const slash = key.indexOf("/");
  return { provider: key.slice(0, slash), id: key.slice(slash + 1) };
};

const MODALITIES: readonly CatalogModality[] = ["text", "image", "audio", "video", "pdf"];

/** The facts of a configured provider's model, where the config states them; the catalog's where it does not. */
function fromConfig(
  provider: string,
  model: ConfiguredProviderModel,
  catalog: CatalogEntry | undefined,
): CatalogEntry {
  const positive = (value: unknown) =>
    typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
  const input = Array.isArray(model.input)
    ? MODALITIES.filter((modality) => (model.input as unknown[]).includes(modality))
    : [];
  return {
    provider,
    id: model.id,
    name: typeof model.name === "string" && model.name !== "" ? model.name : (catalog?.name ?? model.id),
    contextWindow: positive(model.contextWindow) ?? catalog?.contextWindow ?? null,
    maxOutputTokens: positive(model.maxTokens) ?? catalog?.maxOutputTokens ?? null,
    input: input.length > 0 ? input : (catalog?.input ?? ["text"]),
    reasoning: typeof model.reasoning === "boolean" ? model.reasoning : (catalog?.reasoning ?? false),
    toolCall: catalog?.toolCall ?? false,
    cost: catalog?.cost ?? null,
    releaseDate: catalog?.releaseDate ?? null,
    deprecated: catalog?.deprecated ?? null,
  };
}

/**
 * The rows of `models list`. Without `all`: the configured models, in OpenClaw's order (default, fallbacks, image
 * model, image fallbacks, then the allowlist), one row each with its tags (`default`, `fallback#N`, `image`,
 * `img-fallback#N`, `configured`, `alias:<a>`). With `all`: the catalog (sorted by provider, then id), then the
 * `models.providers` models it lacks; configured models found in neither are left out. A configured model no source
 * lists is shown with what is known (its id, text input, nulls; `source` null), and is `missing` (no facts, `-` for
 * input, nulls, and the `missing` tag) only when its provider is unknown too.
 */
export function listModels(input: ModelListInput): ModelListRow[] {
  const { config } = input;
  const tagsByKey = configuredEntries(config, input.agentId);
  const aliasesByKey = new Map<string, string[]>();
  for (const [alias, key] of Object.entries(describeModelSelection(config).aliases))
    aliasesByKey.set(key, [...(aliasesByKey.get(key) ?? []), alias]);

  const catalogByKey = new Map(input.catalog.map((entry) => [`${entry.provider}/${entry.id}`, entry]));
  // Live lists: what each provider's API said it serves. A model they add joins the catalog's, with their facts.
  const liveKeys = new Map<string, Set<string>>();
  const liveOnly = new Map<string, CatalogEntry>();
  for (const [rawProvider, models] of Object.entries(input.live ?? {})) {
    const provider = normalizeProviderId(rawProvider);
    liveKeys.set(provider, new Set(models.map((model) => model.id)));
    for (const model of models) {
      const key = `${provider}/${model.id}`;
      if (!catalogByKey.has(key) && !liveOnly.has(key)) liveOnly.set(key, fromLive(provider, model));
    }
  }
  const providers = Object.entries(config.models?.providers ?? {});
  const configuredByKey = new Map<string, CatalogEntry>();
  const baseUrls = new Map<string, string>();
  for (const [rawId, provider] of providers) {
    const id = normalizeProviderId(rawId);
    if (typeof provider.baseUrl === "string" && !baseUrls.has(id)) baseUrls.set(id, provider.baseUrl);
    for (const model of provider.models ?? []) {
      const key = `${id}/${model.id}`;
      if (!configuredByKey.has(key)) configuredByKey.set(key, fromConfig(id, model, catalogByKey.get(key)));
    }
  }
  // Per provider, not per row: parsing a URL for each of 1,700 catalog rows costs milliseconds.
  const localByProvider = new Map<string, boolean>();
  const isLocal = (provider: string) => {
    let local = localByProvider.get(provider);
    if (local === undefined) {
      local = isLocalBaseUrl(baseUrls.get(provider) ?? getProvider(provider)?.baseUrl ?? "");
      localByProvider.set(provider, local);
    }
    return local;
  };

  const keys = input.all
    ? [
        ...new Set([
          ...catalogByKey.keys(),
          ...liveOnly.keys(),
          ...[...configuredByKey.keys()].filter((key) => !catalogByKey.has(key)),
        ]),
      ]
    : [...tagsByKey.keys()];
  const knownProviders = new Set([
    ...input.catalog.map((entry) => entry.provider),
    ...baseUrls.keys(),
    ...providers.map(([id]) => normalizeProviderId(id)),
  ]);
  const rows: ModelListRow[] = [];
  for (const key of keys) {
    const { provider } = splitKey(key);
    if (input.provider !== undefined && provider !== input.provider) continue;
    const facts = configuredByKey.get(key) ?? catalogByKey.get(key) ?? liveOnly.get(key);
    const aliases = aliasesByKey.get(key) ?? [];
    const tags = [
      ...(tagsByKey.get(key) ?? []),
      ...(aliases.length > 0 ? [`alias:${aliases.join(",")}`] : []),
    ];
    // A model the catalog does not list, of a provider that exists, is not missing (OpenClaw users complain of
    // their OpenRouter and Ollama models flagged so): its facts are unknown. Of a provider nobody knows, it is.
    const known = facts !== undefined || knownProviders.has(provider) || getProvider(provider) !== undefined;
    const local = known ? isLocal(provider) : null;
    if (input.local && local !== true) continue;
    if (!known) {
      rows.push(missingRow(key, tags));
      continue;
    }
    const source =
      facts === undefined
        ? null
        : configuredByKey.has(key)
          ? "config"
          : catalogByKey.has(key)
            ? "catalog"
            : "live";
    const listed = liveKeys.get(provider);
    const available = input.available(provider) && (listed === undefined || listed.has(splitKey(key).id));
    rows.push(rowOf(key, facts ?? unknownFacts(key), source, local === true, available, tags));
  }
  return rows;
}

/** A model only a provider's live list names: its id, and what the list says (input assumed text). */
function fromLive(provider: string, model: LiveModelFacts): CatalogEntry {
  const positive = (value: number | undefined) =>
    typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
  return {
    ...unknownFacts(`${provider}/${model.id}`),
    name: model.name || model.id,
    contextWindow: positive(model.contextWindow),
    maxOutputTokens: positive(model.maxOutputTokens),
  };
}

/** What is known of a model no source lists: its id, and that it takes text. */
function unknownFacts(key: string): CatalogEntry {
  const { provider, id } = splitKey(key);
  return {
    provider,
    id,
    name: id,
    contextWindow: null,
    maxOutputTokens: null,
    input: ["text"],
    reasoning: false,
    toolCall: false,
    cost: null,
    releaseDate: null,
    deprecated: null,
  };
}

function rowOf(
  key: string,
  facts: CatalogEntry,
  source: ModelListRow["source"],
  local: boolean,
  available: boolean,
  tags: string[],
): ModelListRow {
  const known = source === "config" || source === "catalog";
  return {
    key,
    name: facts.name || facts.id,
    // OpenClaw's vocabulary: text, or text+image; the full list is in `modalities`.
    input: facts.input.includes("image") ? "text+image" : "text",
    contextWindow: facts.contextWindow,
    local,
    available,
    tags,
    missing: false,
    source,
    modalities: known ? [...facts.input] : [],
    maxOutputTokens: facts.maxOutputTokens,
    cost: facts.cost,
    reasoning: known ? facts.reasoning : null,
    toolCall: known ? facts.toolCall : null,
    releaseDate: facts.releaseDate,
  };
}

function missingRow(key: string, tags: string[]): ModelListRow {
  return {
    key,
    name: key,
    input: "-",
    contextWindow: null,
    local: null,
    available: null,
    tags: [...tags, "missing"],
    missing: true,
    source: null,
    modalities: [],
    maxOutputTokens: null,
    cost: null,
    reasoning: null,
    toolCall: null,
    releaseDate: null,
  };
}
