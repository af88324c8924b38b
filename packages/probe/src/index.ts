// The public surface of @modelctl/probe: what its README documents, and nothing else.
//
// Deliberately internal: the request builder of each API family (families/) and the lookup by `api`, the HTTP
// exchange and its deadline (http.ts), endpoint joining, classification of replies (classify.ts), credential
// normalisation and option checking. Targets and options go in, results come out; how is free to change.

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
