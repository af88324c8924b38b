// The public surface of @modelctl/probe: what its README documents, and nothing else.
//
// Deliberately internal: the request builder of each API family (families/) and its model list reader (lists/) and
// the lookup by `api`, the HTTP exchange and its deadline (http.ts), endpoint joining, classification of replies
// (classify.ts), credential normalisation and option checking, how the model and usage caches are locked and written
// (agent-cache.ts), and each provider's usage request and reply reader (usage-readers.ts). Of the scan: the request
// bodies and reply judges (scan/requests.ts), the model list's entry reader and the probe pieces it is built from.
// Targets and options go in, results come out; how is free to change.

export {
  ModelCacheError,
  type ModelCacheErrorCode,
  ProbeError,
  type ProbeErrorCode,
  type ProbeErrorOptions,
  UsageCacheError,
  type UsageCacheErrorCode,
} from "./errors.js";
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
  isFreeModel,
  type ScanCandidateFilters,
  selectScanCandidates,
} from "./scan/candidates.js";
export {
  DEFAULT_MODEL_LIST_MAX_BYTES,
  DEFAULT_SCAN_TIMEOUT_MS,
  type FetchOpenRouterModelsOptions,
  fetchOpenRouterModels,
  type OpenRouterModelList,
} from "./scan/model-list.js";
export { parseParamsB } from "./scan/params.js";
export {
  DEFAULT_SCAN_CONCURRENCY,
  type ProbeScanOptions,
  probeScanCandidates,
  type ScanProgress,
} from "./scan/probe-candidates.js";
export {
  buildScanReport,
  DEFAULT_SCAN_MAX_CANDIDATES,
  rankScanResults,
  type ScanReportOptions,
} from "./scan/report.js";
export { type ScanOpenRouterOptions, scanOpenRouterModels } from "./scan/scan.js";
export {
  type OpenRouterModel,
  OpenRouterModelSchema,
  type ScanProbe,
  type ScanReport,
  ScanReportSchema,
  type ScanResult,
  ScanResultSchema,
} from "./scan/schema.js";
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
export {
  type IgnoredUsageEntry,
  readUsageCache,
  USAGE_CACHE_FILE,
  type UsageCache,
  type UsageCacheUpdate,
  type UsageCacheUpdateOptions,
  updateUsageCache,
  usageCachePath,
} from "./usage-cache.js";
export {
  DEFAULT_MAX_USAGE_BYTES,
  DEFAULT_USAGE_TIMEOUT_MS,
  fetchUsageSnapshots,
  type UsageOptions,
  type UsageTarget,
} from "./usage-fetch.js";
export { formatUsageLine } from "./usage-format.js";
export {
  USAGE_CACHE_VERSION,
  USAGE_PROVIDERS,
  USAGE_STATUSES,
  type UsageCacheFile,
  type UsageCredits,
  type UsageProvider,
  type UsageSnapshot,
  type UsageStatus,
  type UsageWindow,
  usageCacheFileSchema,
  usageCreditsSchema,
  usageSnapshotSchema,
  usageWindowSchema,
} from "./usage-schema.js";
