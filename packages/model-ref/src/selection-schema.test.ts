import { describe, expect, it } from "vitest";
import { type ModelsConfig, validateModelsConfig } from "./config.js";
import { describeModelSelection } from "./selection.js";
import { modelSelectionViewSchema } from "./selection-schema.js";

// The schema is the view's type and the model part of `models status --json`: what the function returns must be
// exactly what it describes. Parsing strips a field the schema does not know, so equality catches one too.
describe("modelSelectionViewSchema", () => {
  const defaults = {
    imageModel: { primary: "openai/gpt-image-1", fallbacks: ["google/gemini-2.5-flash"] },
    models: { "anthropic/claude-opus-4-6": { alias: "opus" }, "openai/gpt-5.2": {} },
  };
  const providers = {
    groq: { models: [{ id: "llama-3.3" }] },
    together: { models: [{ id: "llama-3.3" }] },
  };
  const withPrimary = (model: unknown): ModelsConfig =>
    validateModelsConfig({
      agents: { defaults: { ...defaults, model }, list: [{ id: "work", model: "openai/gpt-5.2" }] },
      models: { providers },
    });
  const views = {
    "nothing configured": describeModelSelection({}),
    "an alias, fallbacks and an image model": describeModelSelection(
      withPrimary({ primary: "opus", fallbacks: ["openai/gpt-5.2"] }),
    ),
    "a pinned profile": describeModelSelection(withPrimary("anthropic/claude-opus-4-6@anthropic:work")),
    "an agent's own model": describeModelSelection(withPrimary("opus"), { agentId: "work" }),
    "a bare primary several configured providers have": describeModelSelection(withPrimary("llama-3.3")),
  };

  it.each(Object.entries(views))("describes what describeModelSelection returns: %s", (_, view) => {
    expect(modelSelectionViewSchema().parse(view)).toEqual(view);
  });

  it("is checked above with every optional field present somewhere", () => {
    const all = Object.values(views);
    expect(all.some((view) => view.defaultRef.profileId !== undefined)).toBe(true);
    expect(all.some((view) => view.resolution.alias !== undefined)).toBe(true);
    expect(all.some((view) => view.resolution.ambiguousProviders !== undefined)).toBe(true);
    expect(all.some((view) => view.imageModel !== null)).toBe(true);
  });

  it("drops a field the view does not have and refuses a value it cannot hold", () => {
    const view = describeModelSelection({});
    expect(modelSelectionViewSchema().parse({ ...view, extra: 1 })).not.toHaveProperty("extra");
    expect(() => modelSelectionViewSchema().parse({ ...view, resolution: { via: "guessed" } })).toThrow();
  });
});
