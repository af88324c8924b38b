// The public surface of @modelctl/model-ref/catalog: a dated offline snapshot of model facts, what the README's
// "Catalog" section documents, and nothing else. An entry of its own so that the main entry never loads its data.
//
// Deliberately internal: the data module (catalog-data.ts, generated), the indexes behind the lookups, and the typo
// threshold of nearestCatalogRefs (typoDistance; the README states the rule). The catalog's zod schemas are exported
// by the main entry (catalogEntrySchema, catalogInfoSchema, …), which holds no catalog data.

export {
  catalogInfo,
  catalogModels,
  catalogModelsOf,
  catalogProviderIds,
  catalogRefOf,
  findCatalogModel,
} from "./catalog-lookup.js";
// Types only: the schemas are exported by the main entry, with the package's other zod schemas, so that this entry
// loads no zod (about 35 ms of module loading for a program that has not loaded it yet).
export type {
  CatalogCost,
  CatalogDeprecation,
  CatalogEntry,
  CatalogInfo,
  CatalogModality,
} from "./catalog-schema.js";
export { nearestCatalogRefs } from "./catalog-suggest.js";
export { type CatalogVerdict, catalogVerdict } from "./catalog-verdict.js";
