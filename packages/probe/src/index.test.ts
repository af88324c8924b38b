import { pinsPublicSurface } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "DEFAULT_CONCURRENCY",
  "DEFAULT_MAX_RESPONSE_BYTES",
  "DEFAULT_MAX_TOKENS",
  "DEFAULT_MODEL_LIST_MAX_BYTES",
  "DEFAULT_SCAN_CONCURRENCY",
  "DEFAULT_SCAN_MAX_CANDIDATES",
  "DEFAULT_SCAN_TIMEOUT_MS",
  "DEFAULT_TIMEOUT_MS",
  "OpenRouterModelSchema",
  "PREFLIGHT_STATUSES",
  "PROBE_API_FAMILIES",
  "PROBE_STATUSES",
  "ProbeError",
  "ProbeResultSchema",
  "ProbeStatusSchema",
  "SENT_STATUSES",
  "ScanReportSchema",
  "ScanResultSchema",
  "TokenUsageSchema",
  "buildScanReport",
  "fetchOpenRouterModels",
  "insecureTargets",
  "isFreeModel",
  "parseParamsB",
  "probeAll",
  "probeOne",
  "probeScanCandidates",
  "rankScanResults",
  "redactSecrets",
  "scanOpenRouterModels",
  "selectScanCandidates",
];

pinsPublicSurface(import.meta.url, () => import("./index.js"), VALUES);
