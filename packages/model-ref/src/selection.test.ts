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

  it("uses an agent's own model over the defaults", () => {
    const config = {
      agents: {
        defaults: { model: { primary: "openai/gpt-5.2", fallbacks: ["groq/llama"] } },
        list: [{ id: "work", model: { primary: "anthropic/claude-opus-4-6" } }],
      },
    };
    expect(describeModelSelection(config, { agentId: "work" })).toMatchObject({
      resolvedDefault: "anthropic/claude-opus-4-6",
      defaultSource: "agent",
      fallbacks: ["groq/llama"],
      fallbacksSource: "defaults",
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
