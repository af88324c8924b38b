export { ProbeError, type ProbeErrorCode } from "./errors.js";
export { PROBE_API_FAMILIES } from "./families/index.js";
export { type InsecureTarget, insecureTargets } from "./insecure.js";
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
