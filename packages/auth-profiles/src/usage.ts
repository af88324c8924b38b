// Cooldowns and disables from usage stats: what is unusable now, how it is shown, and the backoff rules that set them.
import { normalizeProviderId } from "@modelctl/model-ref";
import { formatRemainingShort } from "./health.js";
import type { Unusable } from "./overview-schema.js";
import type { UsageStats } from "./schema.js";

/**
 * Providers whose profiles are never cooled down, disabled or shown as such, whatever their usage stats say: these
 * routers retry upstream themselves, so a failure says nothing about the key. OpenClaw's list.
 */
export const COOLDOWN_EXEMPT_PROVIDERS: readonly string[] = ["openrouter", "kilocode"];

export function isCooldownExempt(provider: string): boolean {
  return COOLDOWN_EXEMPT_PROVIDERS.includes(normalizeProviderId(provider));
}

/** Declared by its schema (`unusableSchema`). */
export type { Unusable };

const validTime = (value: number | undefined) =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;

/**
 * Whether a profile is cooling down or disabled at `now`, and until when: the later of `cooldownUntil` and
 * `disabledUntil` (a 2 h disable under a 5 h cooldown is `[disabled 5h]`). A profile of a provider in
 * `COOLDOWN_EXEMPT_PROVIDERS` never is.
 */
export function unusableOf(
  stats: UsageStats | undefined,
  now: number,
  provider?: string,
): Unusable | undefined {
  if (!stats || (provider !== undefined && isCooldownExempt(provider))) return undefined;
  const cooldownUntil = validTime(stats.cooldownUntil);
  const disabledUntil = validTime(stats.disabledUntil);
  const until = Math.max(cooldownUntil ?? 0, disabledUntil ?? 0);
  if (until <= now) return undefined;
  const cooling = cooldownUntil !== undefined && cooldownUntil > now;
  return {
    kind: disabledUntil !== undefined && disabledUntil > now ? "disabled" : "cooldown",
    ...(stats.disabledReason ? { reason: stats.disabledReason } : {}),
    ...(cooling && stats.cooldownReason ? { cooldownReason: stats.cooldownReason } : {}),
    until,
    remainingMs: until - now,
  };
}

/** ` [cooldown 30m]`, ` [disabled:billing 5h]`, or nothing. */
export function unusableSuffix(unusable: Unusable | undefined): string {
  if (!unusable) return "";
  const what =
    unusable.kind === "disabled" && unusable.reason ? `disabled:${unusable.reason}` : unusable.kind;
  return ` [${what} ${formatRemainingShort(unusable.remainingMs)}]`;
}

/** Failure reasons as probes and callers classify them. `billing` and `auth_permanent` disable; the rest cool down. */
export type FailureReason =
  | "auth"
  | "auth_permanent"
  | "billing"
  | "rate_limit"
  | "overloaded"
  | "timeout"
  | "format"
  | "unknown";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Failures older than this no longer count towards the backoff (the reference never reset: lockouts only grew). */
export const FAILURE_WINDOW_MS = 24 * HOUR;

/** Transient cooldown by consecutive failures: 30 s, 60 s, then 5 min. */
export function transientCooldownMs(errorCount: number): number {
  if (errorCount <= 1) return 30 * SECOND;
  if (errorCount === 2) return 60 * SECOND;
  return 5 * MINUTE;
}

/** Disable length: billing 5 h doubling to 24 h; a permanent auth failure 10 min doubling to 1 h. */
export function disableMs(reason: "billing" | "auth_permanent", count: number): number {
  const [base, cap] = reason === "billing" ? [5 * HOUR, 24 * HOUR] : [10 * MINUTE, HOUR];
  return Math.min(base * 2 ** Math.max(0, count - 1), cap);
}

export interface FailureOptions {
  readonly now: number;
  /** The model that failed, kept as `cooldownModel`. */
  readonly model?: string;
  /** The profile's provider: a failure of a cooldown-exempt one (`openrouter`, `kilocode`) changes nothing. */
  readonly provider?: string;
}

/**
 * The usage stats after one more failure of `reason`; for a profile of a cooldown-exempt provider, the stats as they
 * were (OpenClaw records nothing then, not even the count).
 */
export function recordFailure(
  stats: UsageStats | undefined,
  reason: FailureReason,
  options: FailureOptions,
): UsageStats {
  const { now } = options;
  if (options.provider !== undefined && isCooldownExempt(options.provider)) return { ...stats };
  const fresh = typeof stats?.lastFailureAt === "number" && now - stats.lastFailureAt <= FAILURE_WINDOW_MS;
  const errorCount = (fresh ? (stats?.errorCount ?? 0) : 0) + 1;
  const failureCounts = { ...(fresh ? stats?.failureCounts : {}) };
  failureCounts[reason] = (failureCounts[reason] ?? 0) + 1;
  const next: UsageStats = { ...stats, errorCount, failureCounts, lastFailureAt: now };
  if (reason === "billing" || reason === "auth_permanent") {
    next.disabledUntil = now + disableMs(reason, failureCounts[reason]);
    next.disabledReason = reason;
  } else {
    next.cooldownUntil = now + transientCooldownMs(errorCount);
    next.cooldownReason = reason;
    if (options.model === undefined) delete next.cooldownModel;
    else next.cooldownModel = options.model;
  }
  return next;
}

/** The usage stats after a success: counters reset, cooldown and disable lifted, `lastUsed` set. */
export function recordSuccess(stats: UsageStats | undefined, now: number): UsageStats {
  const {
    cooldownUntil: _cooldownUntil,
    cooldownReason: _cooldownReason,
    cooldownModel: _cooldownModel,
    disabledUntil: _disabledUntil,
    disabledReason: _disabledReason,
    ...rest
  } = stats ?? {};
  return { ...rest, lastUsed: now, errorCount: 0, failureCounts: {} };
}
