import { describe, expect, it } from "vitest";
import { formatRemainingShort, profileHealth, rollUpHealth } from "./health.js";
import { readProfile } from "./profile.js";

const now = 1_795_430_219_982;
const HOUR = 3_600_000;

const token = (expires?: unknown) =>
  readProfile("anthropic:t", { type: "token", provider: "anthropic", token: "tok-123456789", expires });

describe("profileHealth", () => {
  it("calls an API key static and a token without expiry static", () => {
    expect(
      profileHealth(readProfile("openai:k", { type: "api_key", provider: "openai", key: "sk-1" }), { now })
        .status,
    ).toBe("static");
    expect(profileHealth(token(), { now }).status).toBe("static");
  });

  it("judges tokens by expiry against the 24 h warning window", () => {
    expect(profileHealth(token(now + 240 * HOUR), { now })).toMatchObject({
      status: "ok",
      remainingMs: 240 * HOUR,
    });
    expect(profileHealth(token(now + 2 * HOUR), { now }).status).toBe("expiring");
    // As OpenClaw: ineligible, `expired`, and without the expiry (it prints `expired expires unknown`).
    expect(profileHealth(token(now - 1), { now })).toEqual({ status: "expired", reasonCode: "expired" });
    expect(profileHealth(token(now + 2 * HOUR), { now, warnAfterMs: HOUR }).status).toBe("ok");
  });

  it("calls a non-numeric or non-positive expiry missing", () => {
    expect(profileHealth(token("tomorrow"), { now })).toEqual({
      status: "missing",
      reasonCode: "invalid_expires",
    });
    expect(profileHealth(token(0), { now }).status).toBe("missing");
    // OpenClaw's resolveTokenExpiryState: only an absent `expires` means "does not expire".
    expect(profileHealth(token(null), { now }).reasonCode).toBe("invalid_expires");
  });

  it("marks an expired OAuth profile with a refresh token refreshable, never ok", () => {
    const oauth = readProfile("openai-codex:default", {
      type: "oauth",
      provider: "openai-codex",
      access: "a-1234567890",
      refresh: "r-1234567890",
      expires: now - HOUR,
    });
    expect(profileHealth(oauth, { now })).toMatchObject({ status: "expired", refreshable: true });
  });

  it("calls a token without a value missing, and an API key profile without one static (as OpenClaw), saying why", () => {
    expect(profileHealth(readProfile("openai:x", { type: "api_key", provider: "openai" }), { now })).toEqual({
      status: "static",
      reasonCode: "missing_credential",
    });
    expect(
      profileHealth(readProfile("anthropic:x", { type: "token", provider: "anthropic" }), { now }).status,
    ).toBe("missing");
  });
});

// OpenClaw's buildAuthHealthSummary (dist/auth-health-298RXdp5.js) rolls up over OAuth and token profiles only.
describe("rollUpHealth", () => {
  it("is expired when any OAuth or token profile is expired or missing", () => {
    expect(
      rollUpHealth([
        { type: "token", status: "ok" },
        { type: "oauth", status: "missing" },
      ]).status,
    ).toBe("expired");
  });
  it("is expiring when one expires soon and none is worse, with the earliest expiry", () => {
    expect(
      rollUpHealth([
        { type: "oauth", status: "ok", expiresAt: 10, remainingMs: 10 },
        { type: "token", status: "expiring", expiresAt: 5, remainingMs: 5 },
        { type: "token", status: "static" },
      ]),
    ).toEqual({ status: "expiring", expiresAt: 5, remainingMs: 5 });
  });
  it("is ok for a provider whose tokens have no expiry", () => {
    expect(rollUpHealth([{ type: "token", status: "static" }])).toEqual({ status: "ok" });
  });
  it("is static for a provider with API keys only, one without a key too", () => {
    expect(
      rollUpHealth([
        { type: "api_key", status: "static" },
        { type: "api_key", status: "static", reasonCode: "missing_credential" },
      ]),
    ).toEqual({ status: "static" });
  });
});

describe("formatRemainingShort", () => {
  it.each([
    [-5, "0m"],
    [0, "0m"],
    [20_000, "1m"],
    [1_785_365, "30m"],
    [3_585_366, "1h"],
    [7_185_366, "2h"],
    // OpenClaw rounds each unit from the rounded smaller one: 89.5 min is 90 min → 2 h; 59.6 h is 60 h → 3 d.
    [89.5 * 60_000, "2h"],
    [59.6 * HOUR, "3d"],
    [47 * HOUR, "47h"],
    [863_985_366, "10d"],
  ])("%d ms → %s", (ms, shown) => {
    expect(formatRemainingShort(ms)).toBe(shown);
  });
});
