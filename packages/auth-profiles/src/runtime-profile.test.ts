import { describe, expect, it } from "vitest";
import { readProfile, type StoredProfile } from "./profile.js";
import { runtimeProfile } from "./runtime-profile.js";
import type { UsageStats } from "./schema.js";

const NOW = 1_800_000_000_000;
const key = (id: string, provider = "openai") =>
  readProfile(id, { type: "api_key", provider, key: "sk-0123456789abcdef" });
const token = (id: string, expires: unknown) =>
  readProfile(id, { type: "token", provider: "anthropic", token: "sk-ant-oat01-0123", expires });

const pick = async (
  ordered: StoredProfile[],
  options: { usageStats?: Record<string, UsageStats>; canSend?: (profile: StoredProfile) => boolean } = {},
) => {
  const asked: string[] = [];
  const chosen = await runtimeProfile({
    ordered,
    usageStats: options.usageStats ?? {},
    now: NOW,
    canSend: async (profile) => {
      asked.push(profile.id);
      return options.canSend?.(profile) ?? true;
    },
  });
  return { chosen: chosen?.id, asked };
};

describe("runtimeProfile", () => {
  it("uses the first profile in order, and asks about no other", async () => {
    expect(await pick([key("openai:a"), key("openai:b")])).toEqual({
      chosen: "openai:a",
      asked: ["openai:a"],
    });
  });

  it("passes over a profile whose credential cannot be sent", async () => {
    const result = await pick([key("openai:a"), key("openai:b")], {
      canSend: (profile) => profile.id !== "openai:a",
    });
    expect(result).toEqual({ chosen: "openai:b", asked: ["openai:a", "openai:b"] });
  });

  it("passes over a profile cooling down or disabled, but not a cooldown-exempt router's", async () => {
    const usageStats = {
      "openai:a": { cooldownUntil: NOW + 60_000 },
      "openai:b": { disabledUntil: NOW + 60_000, disabledReason: "billing" },
      "openrouter:a": { cooldownUntil: NOW + 60_000 },
    };
    expect((await pick([key("openai:a"), key("openai:b"), key("openai:c")], { usageStats })).chosen).toBe(
      "openai:c",
    );
    expect((await pick([key("openrouter:a", "openrouter")], { usageStats })).chosen).toBe("openrouter:a");
  });

  it("passes over a token that has expired, and keeps one whose expiry is not a time", async () => {
    expect((await pick([token("anthropic:old", NOW), token("anthropic:new", NOW + 1)])).chosen).toBe(
      "anthropic:new",
    );
    expect((await pick([token("anthropic:odd", "soon")])).chosen).toBe("anthropic:odd");
  });

  it("finds none when no profile is usable", async () => {
    expect((await pick([key("openai:a")], { canSend: () => false })).chosen).toBeUndefined();
    expect((await pick([])).chosen).toBeUndefined();
  });
});
