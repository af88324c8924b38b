import { describe, expect, it } from "vitest";
import { recordFailure, recordSuccess, unusableOf, unusableSuffix } from "./usage.js";

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
