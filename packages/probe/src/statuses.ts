// The statuses a probe or a model list can end in, as plain data: the schemas build on them, and modules that must
// not build a schema at import (the model cache, which `models list` reads at start-up) can still name them.

/** What a request told us. */
export const SENT_STATUSES = [
  "ok",
  "auth",
  "rate_limit",
  "billing",
  "timeout",
  "network",
  "format",
  "overloaded",
  "unknown",
] as const;

/** Why nothing was sent: decided before any request. */
export const PREFLIGHT_STATUSES = [
  "missing_credential",
  "expired",
  "unresolved_ref",
  "excluded_by_auth_order",
  "no_model",
] as const;

export const PROBE_STATUSES = [...SENT_STATUSES, ...PREFLIGHT_STATUSES] as const;

export type PreflightStatus = (typeof PREFLIGHT_STATUSES)[number];
export type SentStatus = (typeof SENT_STATUSES)[number];
