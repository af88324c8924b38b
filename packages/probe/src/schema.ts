// The shape of a probe result: the single source of truth for the library's type and the CLI's --json.
import * as z from "zod/mini";
import { PROBE_STATUSES } from "./statuses.js";

export { PREFLIGHT_STATUSES, PROBE_STATUSES, type PreflightStatus, SENT_STATUSES } from "./statuses.js";

export const ProbeStatusSchema = z.enum(PROBE_STATUSES);

export const TokenUsageSchema = z.object({
  inputTokens: z.optional(z.number()),
  outputTokens: z.optional(z.number()),
  totalTokens: z.optional(z.number()),
});

export const ProbeResultSchema = z.object({
  provider: z.string(),
  /** The model id as the provider knows it (no provider prefix); absent with `no_model`. */
  model: z.optional(z.string()),
  profileId: z.optional(z.string()),
  /** The API family the request spoke. */
  api: z.optional(z.string()),
  status: ProbeStatusSchema,
  /** Why, in a stable word: the pre-flight status, `redirect`, `body_too_large`, `dns`, `refused`, … */
  reasonCode: z.optional(z.string()),
  /** The provider's own error code or type (`invalid_api_key`, `overloaded_error`, `API_KEY_INVALID`). */
  providerCode: z.optional(z.string()),
  /** One short line, with every secret removed. */
  error: z.optional(z.string()),
  /** Wall time of the request, from sending to the last byte read or the abort; absent when nothing was sent. */
  latencyMs: z.optional(z.number()),
  httpStatus: z.optional(z.number()),
  /** From `retry-after-ms` or `retry-after` (seconds or a date); left out when it repeats 8 digits of a secret. */
  retryAfterMs: z.optional(z.number()),
  /**
   * Rate-limit headroom headers as sent (`x-ratelimit-*`, `anthropic-ratelimit-*`, `retry-after`), lower-cased: the
   * first 32, values cut at 256 characters, redacted like every string from a server.
   */
  rateLimit: z.optional(z.record(z.string(), z.string())),
  /** Tokens the provider reported for the probe. */
  usage: z.optional(TokenUsageSchema),
});

export type ProbeStatus = z.infer<typeof ProbeStatusSchema>;
export type TokenUsage = z.infer<typeof TokenUsageSchema>;
export type ProbeResult = z.infer<typeof ProbeResultSchema>;
