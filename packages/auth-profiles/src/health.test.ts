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
    expect(profileHealth(token(now - 1), { now }).status).toBe("expired");
    expect(profileHealth(token(now + 2 * HOUR), { now, warnAfterMs: HOUR }).status).toBe("ok");
  });

  it("calls a non-numeric or non-positive expiry missing", () => {
    expect(profileHealth(token("tomorrow"), { now })).toEqual({
      status: "missing",
      reasonCode: "invalid_expires",
    });
    expect(profileHealth(token(0), { now }).status).toBe("missing");
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

  it("calls a profile without a value missing", () => {
    expect(
      profileHealth(readProfile("openai:x", { type: "api_key", provider: "openai" }), { now }).status,
    ).toBe("missing");
    expect(
      profileHealth(readProfile("anthropic:x", { type: "token", provider: "anthropic" }), { now }).status,
    ).toBe("missing");
  });
});

describe("rollUpHealth", () => {
  it("is expired when any profile is expired or missing", () => {
    expect(rollUpHealth([{ status: "ok" }, { status: "missing" }]).status).toBe("expired");
  });
  it("is expiring when one expires soon and none is worse, with the earliest expiry", () => {
    expect(
      rollUpHealth([
        { status: "ok", expiresAt: 10, remainingMs: 10 },
        { status: "expiring", expiresAt: 5, remainingMs: 5 },
        { status: "static" },
      ]),
    ).toEqual({ status: "expiring", expiresAt: 5, remainingMs: 5 });
  });
  it("is static when nothing expires", () => {
    expect(rollUpHealth([{ status: "static" }])).toEqual({ status: "static" });
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
    [47 * HOUR, "47h"],
    [863_985_366, "10d"],
  ])("%d ms → %s", (ms, shown) => {
    expect(formatRemainingShort(ms)).toBe(shown);
  });
});
