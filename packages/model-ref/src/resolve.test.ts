import { describe, expect, it } from "vitest";
import { buildAliasIndex } from "./aliases.js";
import { resolveModelRef } from "./resolve.js";

const aliases = buildAliasIndex({
  "anthropic/claude-opus-4-6": { alias: "opus" },
  "openai/gpt-5.2": { alias: "Fast" },
});

describe("resolveModelRef", () => {
  it("resolves an alias case-insensitively and says so", () => {
    expect(resolveModelRef("OPUS", { aliases })).toMatchObject({
      key: "anthropic/claude-opus-4-6",
      via: "alias",
      alias: "opus",
    });
  });

  it("keeps a profile pin given after an alias", () => {
    const resolved = resolveModelRef("opus@anthropic:work", { aliases });
    expect(resolved.ref).toEqual({
      provider: "anthropic",
      model: "claude-opus-4-6",
      profileId: "anthropic:work",
    });
    expect(resolved.via).toBe("alias");
  });

  it("takes a bare id that is not an alias as a model of the default provider", () => {
    expect(resolveModelRef("gpt-5.2", { aliases })).toMatchObject({
      key: "openai/gpt-5.2",
      via: "default-provider",
    });
    expect(resolveModelRef("claude-x", { aliases, defaultProvider: "anthropic" }).key).toBe(
      "anthropic/claude-x",
    );
  });

  it("never looks input with a slash up as an alias", () => {
    const withSlashAlias = buildAliasIndex({ "openai/gpt-5.2": { alias: "openai/opus" } });
    expect(resolveModelRef("openai/opus", { aliases: withSlashAlias })).toMatchObject({
      key: "openai/opus",
      via: "explicit",
    });
  });

  it("calls openrouter:auto explicit", () => {
    expect(resolveModelRef("openrouter:auto")).toMatchObject({ key: "openrouter/auto", via: "explicit" });
  });
});
