export {
  type AliasEntry,
  type AliasIndex,
  buildAliasIndex,
  lookupAlias,
  validateAliasName,
} from "./aliases.js";
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
  readSelection,
  type SelectionKind,
  validateModelsConfig,
} from "./config.js";
export {
  type ConfiguredPrimary,
  providersWithModel,
  resolveConfiguredPrimary,
} from "./config-primary.js";
export {
  addFallback,
  clearFallbacks,
  removeAlias,
  removeFallback,
  resolveContextOf,
  resolveForConfig,
  setAlias,
  setPrimary,
} from "./edit.js";
export { ModelRefError, type ModelRefErrorCode } from "./errors.js";
export { addToFallbacks, type FallbackListContext, removeFromFallbacks } from "./fallbacks.js";
export {
  formatModelRef,
  type ModelRef,
  modelKey,
  type ParseOptions,
  parseModelRef,
  splitProfileSuffix,
} from "./parse.js";
export { exposeProtoKeys } from "./proto-keys.js";
export {
  type ApiFamily,
  DEFAULT_MODEL,
  DEFAULT_PROVIDER,
  getProvider,
  knownProviderEnvVars,
  normalizeProviderId,
  PROVIDERS,
  type ProviderInfo,
  parseProviderId,
} from "./providers.js";
export {
  canonicalKey,
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
