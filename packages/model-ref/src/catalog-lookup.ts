// Reading the bundled catalog: its header, all entries, one provider's, one model by ref. The data is parsed on the
// first call that needs it and each index is built on the first call that uses it.
import { CATALOG_INFO_JSON, CATALOG_MODELS_JSON } from "./catalog-data.js";
import type { CatalogEntry, CatalogInfo } from "./catalog-schema.js";
import { lazy } from "./lazy.js";
import { splitProfileSuffix } from "./parse.js";
import { normalizeProviderId } from "./providers.js";

// Not validated here: the generator and catalog-data.test.ts validate every entry with catalogEntrySchema(), and doing
// it again on each load would cost more than parsing.
const info = lazy((): CatalogInfo => JSON.parse(CATALOG_INFO_JSON));
const models = lazy((): readonly CatalogEntry[] => Object.freeze(JSON.parse(CATALOG_MODELS_JSON)));

const NONE: readonly CatalogEntry[] = Object.freeze([]);

// Maps without prototypes: a provider or model id is data, and `constructor` must find nothing the catalog lacks.
const byProvider = lazy(() => {
  const map = new Map<string, CatalogEntry[]>();
  for (const entry of models()) {
    const list = map.get(entry.provider);
    if (list) list.push(entry);
    else map.set(entry.provider, [entry]);
  }
  return new Map([...map].map(([provider, list]) => [provider, Object.freeze(list)] as const));
});

const byKey = lazy(() => new Map(models().map((entry) => [catalogRefOf(entry), entry] as const)));

// Lower-cased keys, for a model id typed in another case; a key two entries share in lower case finds neither.
const byLowerKey = lazy(() => {
  const map = new Map<string, CatalogEntry | null>();
  for (const [key, entry] of byKey()) {
    const lower = key.toLowerCase();
    map.set(lower, map.has(lower) ? null : entry);
  }
  return map;
});

/** Where the snapshot came from (package, version, dates), how many models it holds, and its providers. */
export function catalogInfo(): CatalogInfo {
  return info();
}

/** Every entry, sorted by provider, then model id (code-unit order). */
export function catalogModels(): readonly CatalogEntry[] {
  return models();
}

/** The catalog's provider ids, sorted. */
export function catalogProviderIds(): readonly string[] {
  return [...byProvider().keys()];
}

/** The entries of one provider, in any spelling `normalizeProviderId` accepts; empty for one the catalog lacks. */
export function catalogModelsOf(provider: string): readonly CatalogEntry[] {
  if (typeof provider !== "string") return NONE;
  return byProvider().get(normalizeProviderId(provider)) ?? NONE;
}

/** An entry's ref, `provider/id`: the key it is found by. */
export function catalogRefOf(entry: Pick<CatalogEntry, "provider" | "id">): string {
  return `${entry.provider}/${entry.id}`;
}

/**
 * One model: `findCatalogModel("openrouter/moonshotai/kimi-k2.6")` (a ref, split on its first `/`; a trailing
 * `@profile` is ignored) or `findCatalogModel("openrouter", "moonshotai/kimi-k2.6")`. The provider is normalised; the
 * model id matches exactly, else in any case when only one entry has it so. Undefined when the catalog lacks it.
 */
export function findCatalogModel(ref: string): CatalogEntry | undefined;
export function findCatalogModel(provider: string, model: string): CatalogEntry | undefined;
export function findCatalogModel(refOrProvider: string, model?: string): CatalogEntry | undefined {
  if (typeof refOrProvider !== "string") return undefined;
  let provider = refOrProvider;
  let id = model;
  if (id === undefined) {
    const { body } = splitProfileSuffix(refOrProvider.trim());
    const slash = body.indexOf("/");
    if (slash === -1) return undefined;
    provider = body.slice(0, slash);
    id = body.slice(slash + 1);
  }
  if (typeof id !== "string") return undefined;
  const key = `${normalizeProviderId(provider)}/${id}`;
  return byKey().get(key) ?? byLowerKey().get(key.toLowerCase()) ?? undefined;
}
