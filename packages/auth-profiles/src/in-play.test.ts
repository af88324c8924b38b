import type { ModelsConfig } from "@modelctl/model-ref";
import { describe, expect, it } from "vitest";
import { providersInPlay } from "./in-play.js";
import { readProfile } from "./profile.js";

const store = {
  profiles: [
    readProfile("openai:default", { type: "api_key", provider: "openai", key: "sk-0123456789" }),
    readProfile("Z.AI:work", { type: "api_key", key: "k-0123456789" }),
  ],
};
const config = {
  models: {
    providers: {
      MyProxy: { baseUrl: "https://proxy.example/v1", apiKey: "pk-0123456789", models: [] },
      ollama: { baseUrl: "http://127.0.0.1:11434", models: [] },
    },
  },
} as unknown as ModelsConfig;

describe("providersInPlay", () => {
  it("takes stored, referenced, keyed and env-keyed providers, each once, by canonical id", () => {
    expect(
      providersInPlay({
        store,
        config,
        env: { GROQ_API_KEY: "gsk-0123", OPENAI_API_KEY: "sk-env" },
        referenced: ["anthropic", "openai"],
      }),
    ).toEqual(["anthropic", "groq", "myproxy", "openai", "zai"]);
  });

  it("counts a configured provider without a key only when asked for every configured one", () => {
    const input = { store: { profiles: [] }, config, env: {}, referenced: [] };
    expect(providersInPlay(input)).toEqual(["myproxy"]);
    expect(providersInPlay({ ...input, configured: "all" })).toEqual(["myproxy", "ollama"]);
  });

  it("does not count an env var that is blank", () => {
    const input = { store: { profiles: [] }, config: {}, referenced: [] };
    expect(providersInPlay({ ...input, env: { OPENAI_API_KEY: "  " } })).toEqual([]);
  });

  it("lists them in OpenClaw's order, which puts `_` before `-`", () => {
    const ids = ["a-b", "a_b", "ab"];
    expect(providersInPlay({ store: { profiles: [] }, config: {}, env: {}, referenced: ids })).toEqual([
      "a_b",
      "a-b",
      "ab",
    ]);
  });
});
