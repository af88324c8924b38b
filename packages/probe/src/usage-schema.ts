// The shape of a usage snapshot (one subscription's usage windows as its provider reported them) and of the usage cache
// file that keeps the last good one per provider: the single source of their types. Built on first use, like every
// schema `models status` may read with at start-up.
import * as z from "zod/mini";
import { lazy } from "./lazy.js";

/**
 * How a usage fetch ended. `ok` has windows; `forbidden` is a 403 (Claude's answer to a token without the
 * `user:profile` scope); `unsupported` is a provider or credential that has no usage endpoint; the preflight statuses
 * mean nothing was sent. The others are the probe's statuses for the same answers.
 */
export const USAGE_STATUSES = [
  "ok",
  "auth",
  "forbidden",
  "rate_limit",
  "billing",
  "timeout",
  "network",
  "format",
  "overloaded",
  "unknown",
  "unsupported",
  "missing_credential",
  "expired",
  "unresolved_ref",
] as const;

/** The providers with a usage endpoint this package knows, by OpenClaw's ids. */
export const USAGE_PROVIDERS = ["openai-codex", "github-copilot", "google-gemini-cli", "anthropic"] as const;

/** One limit: a time window (`5h`, `Week`), a quota (`Premium`) or a model bucket (`gemini-2.5-pro`). */
export const usageWindowSchema = lazy(() =>
  z.object({
    label: z.string().check(z.minLength(1), z.maxLength(64)),
    /** Percent of the window used, 0–100 (Codex, Claude, Copilot). */
    usedPercent: z.optional(z.number().check(z.gte(0), z.lte(100))),
    /** Fraction of the bucket left, 0–1 (Gemini). */
    remainingFraction: z.optional(z.number().check(z.gte(0), z.lte(1))),
    /** When the window starts over, as an ISO date. */
    resetsAt: z.optional(z.iso.datetime()),
    /** The quota has no limit (Copilot's chat and completions on paid plans). */
    unlimited: z.optional(z.boolean()),
  }),
);

/** Credits beside the windows (Codex): a balance, and whether there are any. */
export const usageCreditsSchema = lazy(() =>
  z.object({
    balance: z.optional(z.number()),
    hasCredits: z.optional(z.boolean()),
    unlimited: z.optional(z.boolean()),
  }),
);

/** One provider's usage as fetched: `ok` with windows, or why not (and then, usually, none). */
export const usageSnapshotSchema = lazy(() =>
  z.object({
    provider: z.string(),
    profileId: z.optional(z.string()),
    /** When the answer came (or the failure was known), as an ISO date. */
    fetchedAt: z.iso.datetime(),
    status: z.enum(USAGE_STATUSES),
    /** The plan the provider names (`plus`, `individual`). */
    plan: z.optional(z.string()),
    windows: z.array(usageWindowSchema()),
    credits: z.optional(usageCreditsSchema()),
    /** One short line for a person, every secret removed: why it failed, or what to do. */
    note: z.optional(z.string()),
    /** The status of the answer, when one came. */
    httpStatus: z.optional(z.number()),
  }),
);

export const USAGE_CACHE_VERSION = 1;

/**
 * The whole file: `{ version: 1, providers: { <provider id>: snapshot } }`, each an `ok` snapshot. Keys it does not
 * declare are kept by every write, so a newer modelctl can add some.
 */
export const usageCacheFileSchema = lazy(() =>
  z.looseObject({
    version: z.literal(USAGE_CACHE_VERSION),
    providers: z.record(z.string(), usageSnapshotSchema()),
  }),
);

export type UsageWindow = z.infer<ReturnType<typeof usageWindowSchema>>;
export type UsageCredits = z.infer<ReturnType<typeof usageCreditsSchema>>;
export type UsageSnapshot = z.infer<ReturnType<typeof usageSnapshotSchema>>;
export type UsageStatus = (typeof USAGE_STATUSES)[number];
export type UsageProvider = (typeof USAGE_PROVIDERS)[number];
export type UsageCacheFile = z.infer<ReturnType<typeof usageCacheFileSchema>>;
