// Cooldowns and disables from usage stats: what is unusable now, how it is shown, and the backoff rules that set them.
import { formatRemainingShort } from "./health.js";
import type { UsageStats } from "./schema.js";

export interface Unusable {
  readonly kind: "cooldown" | "disabled";
  readonly reason?: string;
  readonly until: number;
  readonly remainingMs: number;
}

/** A disable wins over a cooldown (it is the longer, deliberate one); nothing is unusable once its time has passed. */
export function unusableOf(stats: UsageStats | undefined, now: number): Unusable | undefined {
  if (!stats) return undefined;
  const active = (kind: Unusable["kind"], until: number | undefined, reason: string | undefined) =>
    typeof until === "number" && until > now
      ? { kind, ...(reason ? { reason } : {}), until, remainingMs: until - now }
      : undefined;
  return (
    active("disabled", stats.disabledUntil, stats.disabledReason) ??
    active("cooldown", stats.cooldownUntil, stats.cooldownReason)
  );
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
}

/** The usage stats after one more failure of `reason`. */
export function recordFailure(
  stats: UsageStats | undefined,
  reason: FailureReason,
  options: FailureOptions,
): UsageStats {
  const { now } = options;
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
