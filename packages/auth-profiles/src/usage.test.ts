import { describe, expect, it } from "vitest";
import { isCooldownExempt, recordFailure, recordSuccess, unusableOf, unusableSuffix } from "./usage.js";

const now = 1_000_000_000;
const S = 1000;
const H = 3_600_000;

describe("recordFailure", () => {
  it("cools a profile down 30 s, then 60 s, then 5 min on transient failures", () => {
    const first = recordFailure(undefined, "rate_limit", { now });
    const second = recordFailure(first, "rate_limit", { now });
    const third = recordFailure(second, "overloaded", { now });
    expect(first.cooldownUntil).toBe(now + 30 * S);
    expect(second.cooldownUntil).toBe(now + 60 * S);
    expect(third.cooldownUntil).toBe(now + 300 * S);
    expect(third).toMatchObject({
      errorCount: 3,
      failureCounts: { rate_limit: 2, overloaded: 1 },
      cooldownReason: "overloaded",
    });
  });

  it("disables on billing for 5 h, doubling up to 24 h", () => {
    let stats = recordFailure(undefined, "billing", { now });
    expect(stats).toMatchObject({ disabledUntil: now + 5 * H, disabledReason: "billing" });
    stats = recordFailure(stats, "billing", { now });
    expect(stats.disabledUntil).toBe(now + 10 * H);
    stats = recordFailure(stats, "billing", { now });
    stats = recordFailure(stats, "billing", { now });
    expect(stats.disabledUntil).toBe(now + 24 * H);
  });

  it("starts counting again after a day without failures", () => {
    const old = recordFailure(recordFailure(undefined, "rate_limit", { now }), "rate_limit", { now });
    const later = recordFailure(old, "rate_limit", { now: now + 25 * H });
    expect(later.errorCount).toBe(1);
    expect(later.cooldownUntil).toBe(now + 25 * H + 30 * S);
  });

  it("changes nothing for a profile of openrouter or kilocode, which retry upstream themselves", () => {
    const before = { lastUsed: now - S, errorCount: 0 };
    for (const provider of ["openrouter", "kilocode", "OpenRouter"])
      expect(recordFailure(before, "rate_limit", { now, provider })).toEqual(before);
    expect(recordFailure(before, "rate_limit", { now, provider: "openai" }).cooldownUntil).toBe(now + 30 * S);
  });

  it("keeps fields it does not own", () => {
    expect(recordFailure({ custom: "kept" } as never, "timeout", { now })).toMatchObject({ custom: "kept" });
  });
});

describe("recordSuccess", () => {
  it("lifts cooldowns and disables and resets the counters", () => {
    const failed = recordFailure(recordFailure(undefined, "billing", { now }), "rate_limit", { now });
    const ok = recordSuccess(failed, now + S);
    expect(unusableOf(ok, now + S)).toBeUndefined();
    expect(ok).toMatchObject({ lastUsed: now + S, errorCount: 0, failureCounts: {} });
  });
});

describe("unusableOf / unusableSuffix", () => {
  it("shows a cooldown and a disable with the time left", () => {
    expect(unusableSuffix(unusableOf({ cooldownUntil: now + 1_800_000 }, now))).toBe(" [cooldown 30m]");
    expect(unusableSuffix(unusableOf({ disabledUntil: now + 5 * H, disabledReason: "billing" }, now))).toBe(
      " [disabled:billing 5h]",
    );
  });
  it("ignores a cooldown that has passed", () => {
    expect(unusableOf({ cooldownUntil: now - 1 }, now)).toBeUndefined();
  });
});

// OpenClaw's rules (dist/usage-state-Bkcczs7E.js): resolveProfileUnusableUntil is the later of cooldownUntil and
// disabledUntil; the kind is `disabled` while disabledUntil lasts; `reason` is stats.disabledReason; profiles of
// openrouter and kilocode (isAuthCooldownBypassedForProvider) are never unusable.
describe("unusableOf with both a cooldown and a disable", () => {
  it("is unusable until the later of the two, shown as disabled while the disable lasts", () => {
    const stats = {
      disabledUntil: now + 2 * H,
      disabledReason: "billing",
      cooldownUntil: now + 5 * H,
      cooldownReason: "rate_limit",
    };
    expect(unusableOf(stats, now)).toEqual({
      kind: "disabled",
      reason: "billing",
      cooldownReason: "rate_limit",
      until: now + 5 * H,
      remainingMs: 5 * H,
    });
    expect(unusableSuffix(unusableOf(stats, now))).toBe(" [disabled:billing 5h]");
    const { disabledReason: _, ...noReason } = stats;
    expect(unusableSuffix(unusableOf(noReason, now))).toBe(" [disabled 5h]");
  });

  it("once the disable is over, is a cooldown that still reports the disable's reason, as OpenClaw does", () => {
    const stats = { disabledUntil: now - H, disabledReason: "billing", cooldownUntil: now + 1_800_000 };
    expect(unusableOf(stats, now)).toMatchObject({
      kind: "cooldown",
      reason: "billing",
      until: now + 1_800_000,
    });
    expect(unusableSuffix(unusableOf(stats, now))).toBe(" [cooldown 30m]");
  });

  it("is never the case for a profile of openrouter or kilocode, in any spelling", () => {
    const stats = { cooldownUntil: now + H, disabledUntil: now + 5 * H, disabledReason: "billing" };
    for (const provider of ["openrouter", "kilocode", "OpenRouter"]) {
      expect(isCooldownExempt(provider)).toBe(true);
      expect(unusableOf(stats, now, provider)).toBeUndefined();
    }
    expect(unusableOf(stats, now, "openai")?.kind).toBe("disabled");
  });
});
