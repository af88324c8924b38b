// What the catalog says of a model about to be written into the config: listed, configured, unlisted (with the
// nearest refs), or of a provider nobody knows. `models set` and the other edits that store a model ask this.
import leven from "leven";
import { catalogModelsOf, catalogProviderIds, findCatalogModel } from "./catalog-lookup.js";
import type { CatalogEntry } from "./catalog-schema.js";
import { nearestCatalogRefs } from "./catalog-suggest.js";
import type { ModelsConfig } from "./config.js";
import { getProvider, normalizeProviderId, PROVIDERS } from "./providers.js";

export type CatalogVerdict =
  /** In the catalog. */
  | { readonly status: "listed"; readonly entry: CatalogEntry }
  /**
   * Under `models.providers.<provider>.models`, or of a provider the config declares that the catalog does not
   * cover (a custom endpoint): the user's word counts.
   */
  | { readonly status: "configured" }
  /** A provider the catalog covers, but not this model: `suggestions` are the nearest refs, if any is close. */
  | { readonly status: "unlisted"; readonly suggestions: readonly string[] }
  /** A provider modelctl knows that the catalog has no models of (a local server, a gateway): not checkable offline. */
  | { readonly status: "unchecked" }
  /** A provider neither built in, nor in the catalog, nor configured: `suggestions` are the nearest provider ids. */
  | { readonly status: "unknown-provider"; readonly suggestions: readonly string[] };

/** The `models.providers` entry of a provider (any spelling of its id), if the config declares one. */
function configuredProvider(config: ModelsConfig, provider: string) {
  const providers = config.models?.providers ?? {};
  const key = Object.keys(providers).find((id) => normalizeProviderId(id) === provider);
  return key === undefined ? undefined : providers[key];
}

/** Provider ids one edit or two from `provider`: built in or in the catalog, nearest first. */
function nearestProviders(provider: string): string[] {
  const known = [...new Set([...PROVIDERS.map((entry) => entry.id), ...catalogProviderIds()])];
  const scored = known
    .map((id) => ({ id, distance: leven(provider, id, { maxDistance: 3 }) }))
    .filter(({ distance }) => distance <= Math.min(2, Math.max(1, Math.floor(provider.length / 4))));
  const best = Math.min(...scored.map(({ distance }) => distance));
  return scored.filter(({ distance }) => distance === best).map(({ id }) => id);
}

/** What the catalog and the config say of `provider/model` (a canonical key's parts). */
export function catalogVerdict(config: ModelsConfig, provider: string, model: string): CatalogVerdict {
  const canonical = normalizeProviderId(provider);
  const entry = findCatalogModel(canonical, model);
  if (entry) return { status: "listed", entry };
  const declared = configuredProvider(config, canonical);
  if (declared?.models?.some((entry) => entry.id === model)) return { status: "configured" };
  if (catalogModelsOf(canonical).length > 0)
    return { status: "unlisted", suggestions: nearestCatalogRefs(`${canonical}/${model}`) };
  if (declared) return { status: "configured" };
  if (getProvider(canonical)) return { status: "unchecked" };
  return { status: "unknown-provider", suggestions: nearestProviders(canonical) };
}
