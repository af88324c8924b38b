// The public surface of @modelctl/model-ref: what its README documents, and nothing else.
//
// Deliberately internal: the list-level fallback helpers under addFallback / removeFallback (fallbacks.ts), the
// pieces of the ref grammar under parseModelRef / resolveModelRef (the @profile split, the canonical key, a ref's
// key), how an alias name or a selection of either shape is checked and read on its own, and the default provider
// and model constants (resolveModelRef and describeModelSelection apply them).

export {
  type AliasEntry,
  type AliasIndex,
  buildAliasIndex,
  lookupAlias,
} from "./aliases.js";
export {
  type CatalogCost,
  type CatalogDeprecation,
  type CatalogEntry,
  type CatalogInfo,
  type CatalogModality,
  catalogCostSchema,
  catalogDeprecationSchema,
  catalogEntrySchema,
  catalogInfoSchema,
  catalogModalitySchema,
} from "./catalog-schema.js";
export {
  escapeForTerminal,
  replaceTerminalUnsafe,
  type UnsafeCharacter,
  type UnsafeCharacterKind,
  unsafeCharacter,
} from "./characters.js";
export {
  type AgentEntry,
  agentEntrySchema,
  type ConfigSecretRef,
  configSecretRefSchema,
  configuredModels,
  defaultAgentId,
  findAgent,
  knownAgentIds,
  type ModelEntry,
  type ModelSelection,
  type ModelsConfig,
  modelEntrySchema,
  modelSelectionSchema,
  modelsConfigSchema,
  type ProviderConfig,
  providerConfigSchema,
  readAgentOverride,
  readDefaultsSelection,
  type SelectionKind,
  validateModelsConfig,
} from "./config.js";
export {
  type ConfiguredPrimary,
  providersWithModel,
  resolveConfiguredPrimary,
} from "./config-primary.js";
export { COPILOT_EDITOR_HEADERS } from "./copilot-headers.js";
export {
  addFallback,
  clearFallbacks,
  removeAlias,
  removeFallback,
  replaceFallbacks,
  resolveContextOf,
  resolveForConfig,
  setAlias,
  setPrimary,
} from "./edit.js";
export { ModelRefError, type ModelRefErrorCode } from "./errors.js";
export {
  isLocalBaseUrl,
  type LiveModelFacts,
  listModels,
  type ModelListInput,
  type ModelListRow,
  parseProviderFilter,
} from "./model-list.js";
export { type ModelList, modelListRowSchema, modelListSchema } from "./model-list-schema.js";
export {
  formatModelRef,
  type ModelRef,
  type ParseOptions,
  parseModelRef,
} from "./parse.js";
export { exposeProtoKeys } from "./proto-keys.js";
export {
  type ApiFamily,
  type AuthMethod,
  getProvider,
  knownProviderEnvVars,
  normalizeProviderId,
  PROVIDERS,
  type ProviderInfo,
  parseProviderId,
} from "./providers.js";
export {
  type ResolveContext,
  type ResolvedModelRef,
  type ResolvedVia,
  resolveModelRef,
} from "./resolve.js";
export { describeModelSelection } from "./selection.js";
export {
  type DefaultResolution,
  defaultResolutionSchema,
  type ModelSelectionView,
  modelRefSchema,
  modelSelectionViewSchema,
  type SelectionSource,
  selectionSourceSchema,
} from "./selection-schema.js";
