import { describe, expect, it } from "vitest";
import type { ModelEntry, ModelsConfig } from "./config.js";
import { providersWithModel, resolveConfiguredPrimary } from "./config-primary.js";
import { ModelRefError } from "./errors.js";

// The rule is OpenClaw 2026.4.27's resolveConfiguredModelRef and inferUniqueProviderFromConfiguredModels
// (dist/model-selection-shared-*.js); the CLI tests record what the reference answers for each case.
const withModels = (models: Record<string, ModelEntry>, extra: ModelsConfig = {}): ModelsConfig => ({
  ...extra,
  agents: { defaults: { models } },
});

describe("providersWithModel", () => {
  it("finds the provider of a configured model key, whatever the case of the id", () => {
    expect(providersWithModel(withModels({ "anthropic/claude-opus-4-6": {} }), "Claude-Opus-4-6")).toEqual([
      "anthropic",
    ]);
  });

  it("finds a provider that lists the id under models.providers", () => {
    const config: ModelsConfig = {
      models: { providers: { MyProxy: { models: [{ id: "claude-opus-4-6" }] } } },
    };
    expect(providersWithModel(config, "claude-opus-4-6")).toEqual(["myproxy"]);
  });

  it("counts two spellings of one provider once", () => {
    const config = withModels(
      { "anthropic/claude-opus-4-6": {} },
      { models: { providers: { Anthropic: { models: [{ id: "CLAUDE-OPUS-4-6" }] } } } },
    );
    expect(providersWithModel(config, "claude-opus-4-6")).toEqual(["anthropic"]);
  });

  it("lists every provider that has the id", () => {
    const config = withModels({ "openrouter/claude-opus-4-6": {}, "anthropic/claude-opus-4-6": {} });
    expect(providersWithModel(config, "claude-opus-4-6")).toEqual(["anthropic", "openrouter"]);
  });

  it("ignores bare keys, keys that are no ref and provider ids no ref could hold", () => {
    const config = withModels(
      { "claude-opus-4-6": {}, "/claude-opus-4-6": {} },
      { models: { providers: { "my proxy": { models: [{ id: "claude-opus-4-6" }] } } } },
    );
    expect(providersWithModel(config, "claude-opus-4-6")).toEqual([]);
  });

  it("matches the whole model id after the first slash", () => {
    const config = withModels({ "openrouter/anthropic/claude-opus-4-6": {} });
    expect(providersWithModel(config, "claude-opus-4-6")).toEqual([]);
    expect(providersWithModel(config, "anthropic/claude-opus-4-6")).toEqual(["openrouter"]);
  });
});

describe("resolveConfiguredPrimary", () => {
  it("takes the one configured provider that has a bare id, keeping the id as written", () => {
    expect(
      resolveConfiguredPrimary("Claude-Opus-4-6", withModels({ "anthropic/claude-opus-4-6": {} })),
    ).toMatchObject({
      key: "anthropic/Claude-Opus-4-6",
      via: "configured-provider",
    });
  });

  it("looks up an alias before any configured provider", () => {
    const config = withModels({ "anthropic/claude-opus-4-6": { alias: "opus" }, "openrouter/opus": {} });
    expect(resolveConfiguredPrimary("opus", config)).toMatchObject({
      key: "anthropic/claude-opus-4-6",
      via: "alias",
      alias: "opus",
    });
  });

  it("reads an id no configured provider has with the default provider", () => {
    const resolved = resolveConfiguredPrimary("claude-opus-4-6", {});
    expect(resolved).toMatchObject({ key: "openai/claude-opus-4-6", via: "default-provider" });
    expect(resolved.ambiguousProviders).toBeUndefined();
  });

  it("reads an id several configured providers have with the default provider, naming them", () => {
    const config: ModelsConfig = {
      models: {
        providers: {
          ollama: { models: [{ id: "llama3" }] },
          lmstudio: { models: [{ id: "LLAMA3" }] },
        },
      },
    };
    expect(resolveConfiguredPrimary("llama3", config)).toMatchObject({
      key: "openai/llama3",
      via: "default-provider",
      ambiguousProviders: ["lmstudio", "ollama"],
    });
  });

  it("takes a ref with a provider as written, even when another provider has that model", () => {
    const config = withModels({ "anthropic/claude-opus-4-6": {} });
    expect(resolveConfiguredPrimary("openrouter/claude-opus-4-6", config)).toMatchObject({
      key: "openrouter/claude-opus-4-6",
      via: "explicit",
    });
  });

  it("keeps a profile pin and infers the provider from the model before it", () => {
    const resolved = resolveConfiguredPrimary(
      "claude-opus-4-6@anthropic:work",
      withModels({ "anthropic/claude-opus-4-6": {} }),
    );
    expect(resolved.ref).toEqual({
      provider: "anthropic",
      model: "claude-opus-4-6",
      profileId: "anthropic:work",
    });
  });

  it("refuses input that is no ref", () => {
    expect(() => resolveConfiguredPrimary("anthropic/", {})).toThrow(ModelRefError);
  });
});
