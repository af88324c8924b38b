// The public surface of @modelctl/auth-profiles: what its README documents, and nothing else.
//
// Deliberately internal: the backoff arithmetic under recordFailure / unusableOf (transientCooldownMs, disableMs, the
// failure window), how one profile is read from the file (readProfile) and its provider taken from its id, the
// formatters under credentialLabel, synchronous ref resolution, the marker predicates under parseMarker, the file
// names (authStorePaths gives the paths) and the health default. The locked, atomic file layer the store is built on
// is a package of its own, @modelctl/safe-file; only what the store's own functions throw and take (SafeFileError,
// UNCHANGED) is re-exported here.

export { SafeFileError, type SafeFileErrorCode, UNCHANGED } from "@modelctl/safe-file";
export {
  type AgentDir,
  type AgentDirInput,
  type AgentDirSource,
  listAgentFolders,
  mainAgentDir,
  resolveAgentDir,
} from "./agent-dir.js";
export { type AvailabilityInput, hasUsableCredential } from "./available.js";
export {
  type CredentialValue,
  configKeyCredential,
  credentialLabel,
  profileCredential,
} from "./credential.js";
export {
  clearOrder,
  type OutcomeOptions,
  putProfile,
  recordOutcome,
  removeProfile,
  setOrder,
} from "./edits.js";
export { AuthStoreError, type AuthStoreErrorCode, OAuthError, type OAuthErrorCode } from "./errors.js";
export {
  type CredentialStatus,
  formatRemainingShort,
  type HealthOptions,
  type ProfileHealth,
  type ProviderHealth,
  profileHealth,
  rollUpHealth,
} from "./health.js";
export { type ProvidersInPlayInput, providersInPlay } from "./in-play.js";
export { type Marker, parseMarker } from "./markers.js";
export { maskSecret } from "./mask.js";
export {
  type AuthOverview,
  type AuthOverviewInput,
  type CheckProblem,
  describeAuth,
  type InUseRef,
  type ProfileStatusView,
  type ProviderAuthView,
  type ProviderStatusView,
  type UnusableProfileView,
} from "./overview.js";
export {
  authOverviewSchema,
  profileHealthSchema,
  profileStatusViewSchema,
  profileStoreSchema,
  providerAuthViewSchema,
  unusableSchema,
} from "./overview-schema.js";
export {
  type ApiKeyProfileData,
  type LoadedProfileData,
  type OAuthProfileData,
  type ProfileType,
  profileLabel,
  type StoredProfile,
  type TokenProfileData,
} from "./profile.js";
export { stopRefCommands } from "./ref-commands.js";
export {
  DEFAULT_REFRESH_MARGIN_MS,
  type OAuthStoredProfile,
  type RefreshedTokens,
  type RefreshFailureReason,
  type RefreshFunction,
  type RefreshInput,
  type RefreshResult,
  type RefreshStatus,
  refreshIfNeeded,
  refreshLockTarget,
} from "./refresh.js";
export {
  type Env,
  type Resolution,
  type ResolveOptions,
  resolveCredential,
} from "./resolve.js";
export { type RuntimeProfileInput, runtimeProfile } from "./runtime-profile.js";
export {
  type ApiKeyProfile,
  type AuthProfilesFile,
  type AuthState,
  apiKeyProfileSchema,
  authProfilesFileSchema,
  authStateSchema,
  countSchema,
  epochMsSchema,
  type OAuthProfile,
  oauthProfileSchema,
  type ProfileInput,
  type SecretRef,
  secretRefSchema,
  stateProfileIdSchema,
  type TokenProfile,
  tokenProfileSchema,
  type UsageStats,
  usageStatsSchema,
} from "./schema.js";
export { Secret } from "./secret.js";
export { MAX_SECRET_BYTES, type SecretValueOptions, validateSecretValue } from "./secret-value.js";
export {
  type ConfigKeySource,
  type CredentialSource,
  type ProviderSources,
  providerEntry,
  providerSources,
  type ShadowedSource,
  type SourceKind,
  type SourcesInput,
} from "./sources.js";
export type { IgnoredStateField } from "./state.js";
export {
  type AuthStateView,
  type AuthStore,
  type AuthStoreDraft,
  type AuthStorePaths,
  type AuthStoreUpdate,
  authStorePaths,
  isExposedMode,
  type LoadOptions,
  loadAuthStore,
  orderOverrideOf,
  type ProfileStore,
  profileStoreOf,
  updateAuthStore,
} from "./store.js";
export {
  COOLDOWN_EXEMPT_PROVIDERS,
  type FailureOptions,
  type FailureReason,
  isCooldownExempt,
  recordFailure,
  recordSuccess,
  type Unusable,
  unusableOf,
  unusableSuffix,
} from "./usage.js";
