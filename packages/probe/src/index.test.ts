import { pinsPublicSurface } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "DEFAULT_CONCURRENCY",
  "DEFAULT_MAX_RESPONSE_BYTES",
  "DEFAULT_MAX_TOKENS",
  "DEFAULT_TIMEOUT_MS",
  "PREFLIGHT_STATUSES",
  "PROBE_API_FAMILIES",
  "PROBE_STATUSES",
  "ProbeError",
  "ProbeResultSchema",
  "ProbeStatusSchema",
  "SENT_STATUSES",
  "TokenUsageSchema",
  "insecureTargets",
  "probeAll",
  "probeOne",
  "redactSecrets",
];

pinsPublicSurface(import.meta.url, () => import("./index.js"), VALUES);
