// The public surface of @modelctl/probe: what its README documents, and nothing else.
//
// Deliberately internal: the request builder of each API family (families/) and its model list reader (lists/) and
// the lookup by `api`, the HTTP exchange and its deadline (http.ts), endpoint joining, classification of replies
// (classify.ts), credential normalisation and option checking, and how the model cache is locked and written.
// Targets and options go in, results come out; how is free to change.

export { ModelCacheError, type ModelCacheErrorCode, ProbeError, type ProbeErrorCode } from "./errors.js";
export { PROBE_API_FAMILIES } from "./families/index.js";
export { type InsecureTarget, insecureLiveModelsTargets, insecureTargets } from "./insecure.js";
export { LIST_API_FAMILIES } from "./lists/index.js";
export {
  DEFAULT_LIST_CONCURRENCY,
  DEFAULT_MAX_LIST_BYTES,
  DEFAULT_MAX_LIST_PAGES,
  fetchLiveModels,
  type LiveModelsOptions,
  type LiveModelsTarget,
} from "./live-models.js";
export {
  LIVE_MODELS_STATUSES,
  type LiveModel,
  type LiveModelsResult,
  type LiveModelsStatus,
  liveModelSchema,
  liveModelsResultSchema,
} from "./live-models-schema.js";
export {
  type IgnoredCacheEntry,
  MODEL_CACHE_FILE,
  type ModelCache,
  type ModelCacheUpdate,
  type ModelCacheUpdateOptions,
  modelCachePath,
  readModelCache,
  updateModelCache,
} from "./model-cache.js";
export {
  type ModelCacheEntry,
  type ModelCacheFile,
  modelCacheEntrySchema,
  modelCacheFileSchema,
} from "./model-cache-schema.js";
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_TOKENS,
  DEFAULT_TIMEOUT_MS,
  type ProbeOptions,
} from "./options.js";
export { probeAll, probeOne } from "./probe.js";
export { redactSecrets } from "./redact.js";
export {
  PREFLIGHT_STATUSES,
  PROBE_STATUSES,
  type PreflightStatus,
  type ProbeResult,
  ProbeResultSchema,
  type ProbeStatus,
  ProbeStatusSchema,
  SENT_STATUSES,
  type TokenUsage,
  TokenUsageSchema,
} from "./schema.js";
export type {
  ProbeCredential,
  ProbeCredentialInput,
  ProbeTarget,
  SecretValue,
  StoredCredential,
} from "./target.js";
