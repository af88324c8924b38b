import { describe, expect, it } from "vitest";
import { validateModelsConfig } from "./config.js";
import { ModelRefError } from "./errors.js";
import { describeModelSelection } from "./selection.js";

describe("describeModelSelection", () => {
  it("falls back to the built-in default and says so", () => {
    expect(describeModelSelection({})).toMatchObject({
      defaultModel: "openai/gpt-5.5",
      resolvedDefault: "openai/gpt-5.5",
      resolution: { via: "built-in" },
      fallbacks: [],
      imageModel: null,
      aliases: {},
      allowed: [],
    });
  });

  it("explains a default reached through an alias", () => {
    const view = describeModelSelection({
      agents: {
        defaults: { model: { primary: "Opus" }, models: { "anthropic/claude-opus-4-6": { alias: "opus" } } },
      },
    });
    expect(view).toMatchObject({
      defaultModel: "Opus",
      resolvedDefault: "anthropic/claude-opus-4-6",
      resolution: { via: "alias", alias: "opus" },
    });
  });

  // OpenClaw 2026.4.27: resolveAgentExplicitModelPrimary and resolveAgentModelFallbacksOverride (agent-scope).
  describe("an agent's own model", () => {
    const withAgentModel = (model: unknown) =>
      validateModelsConfig({
        agents: {
          defaults: {
            model: { primary: "openai/gpt-5.2", fallbacks: ["google/gemini-2.5-pro"] },
            imageModel: { primary: "openai/gpt-image-1", fallbacks: ["google/gemini-2.5-flash"] },
          },
          list: [{ id: "main" }, { id: "work", ...(model === undefined ? {} : { model }) }],
        },
      });
    const pick = (model: unknown) => {
      const view = describeModelSelection(withAgentModel(model), { agentId: "work" });
      return {
        resolvedDefault: view.resolvedDefault,
        fallbacks: view.fallbacks,
        defaultSource: view.defaultSource,
        fallbacksSource: view.fallbacksSource,
      };
    };

    it("as a string replaces the primary and leaves the agent no fallbacks", () => {
      expect(pick("anthropic/claude-opus-4-6")).toEqual({
        resolvedDefault: "anthropic/claude-opus-4-6",
        fallbacks: [],
        defaultSource: "agent",
        fallbacksSource: "agent",
      });
    });

    it("with only a primary leaves the agent no fallbacks", () => {
      expect(pick({ primary: "anthropic/claude-opus-4-6" })).toMatchObject({
        fallbacks: [],
        defaultSource: "agent",
        fallbacksSource: "agent",
      });
    });

    it("with its own fallbacks uses them, an empty list included", () => {
      expect(pick({ primary: "anthropic/claude-opus-4-6", fallbacks: [] })).toMatchObject({
        fallbacks: [],
        fallbacksSource: "agent",
      });
      expect(
        pick({ primary: "anthropic/claude-opus-4-6", fallbacks: ["anthropic/claude-sonnet-4-6"] }),
      ).toMatchObject({ fallbacks: ["anthropic/claude-sonnet-4-6"], fallbacksSource: "agent" });
    });

    it("with only fallbacks keeps the defaults' primary and replaces the fallbacks", () => {
      expect(pick({ fallbacks: ["anthropic/claude-sonnet-4-6"] })).toEqual({
        resolvedDefault: "openai/gpt-5.2",
        fallbacks: ["anthropic/claude-sonnet-4-6"],
        defaultSource: "defaults",
        fallbacksSource: "agent",
      });
    });

    it("with a blank primary counts as no primary", () => {
      expect(pick({ primary: "  ", fallbacks: ["anthropic/claude-sonnet-4-6"] })).toMatchObject({
        resolvedDefault: "openai/gpt-5.2",
        defaultSource: "defaults",
        fallbacksSource: "agent",
      });
      expect(pick("")).toMatchObject({ fallbacks: ["google/gemini-2.5-pro"], fallbacksSource: "defaults" });
      expect(pick({})).toMatchObject({ fallbacks: ["google/gemini-2.5-pro"], fallbacksSource: "defaults" });
    });

    it("that is absent leaves the defaults in place", () => {
      expect(pick(undefined)).toEqual({
        resolvedDefault: "openai/gpt-5.2",
        fallbacks: ["google/gemini-2.5-pro"],
        defaultSource: "defaults",
        fallbacksSource: "defaults",
      });
    });

    it("never changes the image model", () => {
      const view = describeModelSelection(withAgentModel("anthropic/claude-opus-4-6"), { agentId: "work" });
      expect(view).toMatchObject({
        imageModel: "openai/gpt-image-1",
        imageFallbacks: ["google/gemini-2.5-flash"],
      });
    });
  });

  describe("a primary written without a provider", () => {
    it("takes the provider of the one configured model with that id", () => {
      const view = describeModelSelection({
        agents: {
          defaults: { model: { primary: "claude-opus-4-6" }, models: { "anthropic/claude-opus-4-6": {} } },
        },
      });
      expect(view).toMatchObject({
        defaultModel: "claude-opus-4-6",
        resolvedDefault: "anthropic/claude-opus-4-6",
        defaultRef: { provider: "anthropic", model: "claude-opus-4-6" },
        resolution: { via: "configured-provider" },
      });
    });

    it("applies to an agent's own primary too", () => {
      const view = describeModelSelection(
        {
          agents: {
            defaults: { model: "openai/gpt-5.2", models: { "anthropic/claude-opus-4-6": {} } },
            list: [{ id: "work", model: "claude-opus-4-6" }],
          },
        },
        { agentId: "work" },
      );
      expect(view).toMatchObject({ resolvedDefault: "anthropic/claude-opus-4-6", defaultSource: "agent" });
    });

    it("falls back to the default provider and names the providers when several have the id", () => {
      const view = describeModelSelection({
        agents: {
          defaults: {
            model: "claude-opus-4-6",
            models: { "openrouter/claude-opus-4-6": {}, "anthropic/claude-opus-4-6": {} },
          },
        },
      });
      expect(view).toMatchObject({
        resolvedDefault: "openai/claude-opus-4-6",
        resolution: { via: "default-provider", ambiguousProviders: ["anthropic", "openrouter"] },
      });
    });

    it("keeps the profile pin on the ref it reaches", () => {
      const view = describeModelSelection({
        agents: {
          defaults: { model: "claude-opus-4-6@anthropic:work", models: { "anthropic/claude-opus-4-6": {} } },
        },
      });
      expect(view.defaultRef).toEqual({
        provider: "anthropic",
        model: "claude-opus-4-6",
        profileId: "anthropic:work",
      });
      expect(view.resolvedDefault).toBe("anthropic/claude-opus-4-6");
    });
  });

  it("takes the first custom provider's first model when nothing else is configured", () => {
    const view = describeModelSelection({
      models: { providers: { ollama: { models: [{ id: "qwen3:8b" }] } } },
    });
    expect(view.resolvedDefault).toBe("ollama/qwen3:8b");
    expect(view.resolution.via).toBe("first-configured-provider");
  });

  it("reports an invalid configured primary as CONFIG_INVALID", () => {
    try {
      describeModelSelection({ agents: { defaults: { model: "anthropic/" } } });
      expect.unreachable();
    } catch (error) {
      expect(ModelRefError.isInstance(error) && error.code).toBe("CONFIG_INVALID");
    }
  });
});

describe("validateModelsConfig", () => {
  it("names the key with the wrong shape", () => {
    expect(() => validateModelsConfig({ agents: { defaults: { model: 42 } } })).toThrow(
      /agents\.defaults\.model/,
    );
  });

  it("refuses an agent folder path with a NUL, naming the key", () => {
    expect(() =>
      validateModelsConfig({ agents: { list: [{ id: "main", agentDir: "/tmp/x\u0000y" }] } }),
    ).toThrow(/agents\.list\.0\.agentDir is not valid: a path cannot hold a NUL character/);
  });

  it("returns the document itself so key order survives", () => {
    const doc = { z: 1, agents: { defaults: { model: "openai/x" } }, a: 2 };
    expect(Object.keys(validateModelsConfig(doc))).toEqual(["z", "agents", "a"]);
  });
});
