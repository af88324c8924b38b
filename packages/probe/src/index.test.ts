import { pinsPublicSurface } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "DEFAULT_CONCURRENCY",
  "DEFAULT_LIST_CONCURRENCY",
  "DEFAULT_MAX_LIST_BYTES",
  "DEFAULT_MAX_LIST_PAGES",
  "DEFAULT_MAX_RESPONSE_BYTES",
  "DEFAULT_MAX_TOKENS",
  "DEFAULT_TIMEOUT_MS",
  "LIST_API_FAMILIES",
  "LIVE_MODELS_STATUSES",
  "MODEL_CACHE_FILE",
  "ModelCacheError",
  "PREFLIGHT_STATUSES",
  "PROBE_API_FAMILIES",
  "PROBE_STATUSES",
  "ProbeError",
  "ProbeResultSchema",
  "ProbeStatusSchema",
  "SENT_STATUSES",
  "TokenUsageSchema",
  "fetchLiveModels",
  "insecureLiveModelsTargets",
  "insecureTargets",
  "liveModelSchema",
  "liveModelsResultSchema",
  "modelCacheEntrySchema",
  "modelCacheFileSchema",
  "modelCachePath",
  "probeAll",
  "probeOne",
  "readModelCache",
  "redactSecrets",
  "updateModelCache",
];

pinsPublicSurface(import.meta.url, () => import("./index.js"), VALUES);
