export {
  type AgentDir,
  type AgentDirInput,
  type AgentDirSource,
  listAgentFolders,
  mainAgentDir,
  resolveAgentDir,
} from "./agent-dir.js";
export {
  type CredentialValue,
  configKeyCredential,
  credentialLabel,
  credentialValueLabel,
  formatRef,
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
export { AuthStoreError, type AuthStoreErrorCode } from "./errors.js";
export { type LockOptions, withFileLock } from "./file-lock.js";
export {
  type CredentialStatus,
  DEFAULT_WARN_AFTER_MS,
  formatRemainingShort,
  type HealthOptions,
  type ProfileHealth,
  type ProviderHealth,
  profileHealth,
  rollUpHealth,
} from "./health.js";
export { type ProvidersInPlayInput, providersInPlay } from "./in-play.js";
export { editJsonText } from "./json-edit.js";
export {
  type JsonFile,
  parseJsonText,
  readJsonFile,
  serializeJson,
  UNCHANGED,
  type UpdateOptions,
  updateJsonFile,
  type WriteOptions,
  writeJsonText,
} from "./json-file.js";
export { isEnvVarName, isMarker, type Marker, parseMarker } from "./markers.js";
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
  type ApiKeyProfileData,
  type LoadedProfileData,
  type OAuthProfileData,
  type ProfileType,
  profileLabel,
  providerOfProfileId,
  readProfile,
  type StoredProfile,
  type TokenProfileData,
} from "./profile.js";
export { stopRefCommands } from "./ref-commands.js";
export {
  type Env,
  type Resolution,
  type ResolveOptions,
  resolveCredential,
  resolveCredentialSync,
} from "./resolve.js";
export { type RuntimeProfileInput, runtimeProfile } from "./runtime-profile.js";
export {
  type ApiKeyProfile,
  ApiKeyProfileSchema,
  type AuthProfilesFile,
  AuthProfilesFileSchema,
  type AuthState,
  AuthStateSchema,
  CountSchema,
  EpochMsSchema,
  type OAuthProfile,
  OAuthProfileSchema,
  type ProfileInput,
  type SecretRef,
  SecretRefSchema,
  StateProfileIdSchema,
  type TokenProfile,
  TokenProfileSchema,
  type UsageStats,
  UsageStatsSchema,
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
  AUTH_PROFILES_FILE,
  AUTH_STATE_FILE,
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
  disableMs,
  FAILURE_WINDOW_MS,
  type FailureOptions,
  type FailureReason,
  isCooldownExempt,
  recordFailure,
  recordSuccess,
  transientCooldownMs,
  type Unusable,
  unusableOf,
  unusableSuffix,
} from "./usage.js";
