import { describe, expect, it } from "vitest";
import type { ModelsConfig } from "./config.js";
import {
  addFallback,
  clearFallbacks,
  removeAlias,
  removeFallback,
  replaceFallbacks,
  resolveForConfig,
  setAlias,
  setPrimary,
} from "./edit.js";
import { ModelRefError } from "./errors.js";

const base: ModelsConfig = {
  meta: { lastTouchedVersion: "2026.4.27" },
  agents: {
    defaults: {
      workspace: "~/work",
      model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] },
      models: {
        "anthropic/claude-opus-4-6": { alias: "opus", params: { temperature: 0.2 } },
        "openai/gpt-5.2": { alias: "fast" },
      },
    },
    list: [{ id: "main", default: true, tools: ["x"] }],
  },
  gateway: { port: 18789 },
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return ModelRefError.isInstance(error) ? error.code : String(error);
  }
  return undefined;
}

describe("config edits", () => {
  it("keep every key they do not own, and never change their input", () => {
    const before = structuredClone(base);
    const next = setPrimary(base, "model", "openai/gpt-5.2");
    expect(base).toEqual(before);
    expect(next.gateway).toEqual({ port: 18789 });
    expect(next.meta).toEqual(before.meta);
    expect(next.agents?.list).toEqual(before.agents?.list);
    expect(next.agents?.defaults).toHaveProperty("workspace", "~/work");
    expect(next.agents?.defaults?.models?.["anthropic/claude-opus-4-6"]).toEqual({
      alias: "opus",
      params: { temperature: 0.2 },
    });
  });

  it("setting the primary adds it to the configured models and drops it from the fallbacks", () => {
    const next = setPrimary(base, "model", "openai/gpt-5.2");
    expect(next.agents?.defaults?.model).toEqual({ primary: "openai/gpt-5.2", fallbacks: [] });
    const image = setPrimary({}, "imageModel", "openai/gpt-5.2");
    expect(image).toEqual({
      agents: {
        defaults: {
          imageModel: { primary: "openai/gpt-5.2" },
          models: { "openai/gpt-5.2": {} },
        },
      },
    });
  });

  it("setting the primary writes no fallbacks where there were none, and keeps an existing empty list", () => {
    const from = (model: unknown) =>
      setPrimary({ agents: { defaults: { model } } } as ModelsConfig, "model", "openai/gpt-5.2").agents
        ?.defaults?.model;
    expect(from("anthropic/claude-opus-4-6")).toEqual({ primary: "openai/gpt-5.2" });
    expect(from({ primary: "anthropic/claude-opus-4-6", temperature: 1 })).toEqual({
      primary: "openai/gpt-5.2",
      temperature: 1,
    });
    expect(from({ primary: "anthropic/claude-opus-4-6", fallbacks: [] })).toEqual({
      primary: "openai/gpt-5.2",
      fallbacks: [],
    });
  });

  it("converts the string form of a selection to the object form", () => {
    const next = addFallback(
      { agents: { defaults: { model: "anthropic/claude-opus-4-6" } } },
      "model",
      "openai/gpt-5.2",
    );
    expect(next.agents?.defaults?.model).toEqual({
      primary: "anthropic/claude-opus-4-6",
      fallbacks: ["openai/gpt-5.2"],
    });
  });

  it("adding a fallback de-duplicates by canonical key, also against aliases stored in the list", () => {
    const withAliasEntry = addFallback(
      {
        ...base,
        agents: { defaults: { ...base.agents?.defaults, model: { primary: "opus", fallbacks: ["fast"] } } },
      },
      "model",
      "openai/gpt-5.2",
    );
    expect(withAliasEntry.agents?.defaults?.model).toEqual({ primary: "opus", fallbacks: ["fast"] });
    const again = addFallback(base, "model", "openai/gpt-5.2");
    expect(again.agents?.defaults?.model).toEqual(base.agents?.defaults?.model);
  });

  it("refuses the primary as its own fallback, even when the primary is stored as an alias", () => {
    expect(codeOf(() => addFallback(base, "model", "anthropic/claude-opus-4-6"))).toBe("FALLBACK_IS_PRIMARY");
    const aliased = { agents: { defaults: { ...base.agents?.defaults, model: { primary: "opus" } } } };
    expect(codeOf(() => addFallback(aliased, "model", "anthropic/claude-opus-4-6"))).toBe(
      "FALLBACK_IS_PRIMARY",
    );
  });

  it("reads a bare primary as the config does when refusing it as a fallback", () => {
    const bare = {
      agents: { defaults: { ...base.agents?.defaults, model: { primary: "claude-opus-4-6" } } },
    };
    expect(codeOf(() => addFallback(bare, "model", "anthropic/claude-opus-4-6"))).toBe("FALLBACK_IS_PRIMARY");
    expect(addFallback(bare, "model", "openai/claude-opus-4-6").agents?.defaults?.model).toEqual({
      primary: "claude-opus-4-6",
      fallbacks: ["openai/claude-opus-4-6"],
    });
  });

  it("removes a fallback by canonical key and reports one that is not there", () => {
    expect(removeFallback(base, "model", "openai/gpt-5.2").agents?.defaults?.model).toEqual({
      primary: "anthropic/claude-opus-4-6",
      fallbacks: [],
    });
    expect(codeOf(() => removeFallback(base, "model", "nonexist/x"))).toBe("FALLBACK_NOT_FOUND");
    expect(() => removeFallback(base, "model", "nonexist/x", "nonexist/x")).toThrow(
      /Fallback not found: nonexist\/x/,
    );
  });

  it("clears a chain and keeps its primary", () => {
    expect(clearFallbacks(base, "model").agents?.defaults?.model).toEqual({
      primary: "anthropic/claude-opus-4-6",
      fallbacks: [],
    });
  });

  it("moves a re-used alias and replaces a model's old alias", () => {
    const moved = setAlias(base, "FAST", "anthropic/claude-sonnet-4-6");
    expect(moved.agents?.defaults?.models).toEqual({
      "anthropic/claude-opus-4-6": { alias: "opus", params: { temperature: 0.2 } },
      "openai/gpt-5.2": {},
      "anthropic/claude-sonnet-4-6": { alias: "FAST" },
    });
    const replaced = setAlias(base, "fast2", "openai/gpt-5.2");
    expect(replaced.agents?.defaults?.models?.["openai/gpt-5.2"]).toEqual({ alias: "fast2" });
  });

  it("rejects alias names that could never be looked up", () => {
    for (const bad of ["", "a b", "a/b", "a@b"])
      expect(codeOf(() => setAlias(base, bad, "openai/x"))).toBe("ALIAS_INVALID");
  });

  it("removes an alias case-insensitively and keeps the model configured", () => {
    const next = removeAlias(base, "OPUS");
    expect(next.agents?.defaults?.models?.["anthropic/claude-opus-4-6"]).toEqual({
      params: { temperature: 0.2 },
    });
    expect(() => removeAlias(base, "nosuch")).toThrow(
      /Alias not found: nosuch\. Known aliases: opus, fast\./,
    );
  });

  it("resolves input against the config's aliases and refuses a profile pin where a key is stored", () => {
    expect(resolveForConfig(base, "fast").key).toBe("openai/gpt-5.2");
    expect(codeOf(() => resolveForConfig(base, "opus@anthropic:work"))).toBe("MODEL_REF_INVALID");
  });
});

describe("replaceFallbacks", () => {
  it("replaces the chain in order, leaves out duplicates and the primary, and adds each to the allowlist", () => {
    const config = {
      agents: {
        defaults: { model: { primary: "openai/gpt-5.2", fallbacks: ["anthropic/claude-opus-4-6"] } },
      },
    } as ModelsConfig;
    const next = replaceFallbacks(config, "model", [
      "openrouter/a:free",
      "openai/gpt-5.2",
      "openrouter/a:free",
      "openrouter/b",
    ]);
    expect(next.agents?.defaults?.model).toEqual({
      primary: "openai/gpt-5.2",
      fallbacks: ["openrouter/a:free", "openrouter/b"],
    });
    expect(Object.keys(next.agents?.defaults?.models ?? {})).toEqual(["openrouter/a:free", "openrouter/b"]);
    expect(config.agents?.defaults?.model).toEqual({
      primary: "openai/gpt-5.2",
      fallbacks: ["anthropic/claude-opus-4-6"],
    });
  });
});
