import { describe, expect, it } from "vitest";
import { validateModelsConfig } from "./config.js";

const withKey = (apiKey: unknown) => ({ models: { providers: { openrouter: { apiKey } } } });

describe("models.providers.<id>.apiKey", () => {
  it("takes a key, an env var name, or a SecretRef object as OpenClaw's config does", () => {
    for (const apiKey of [
      "sk-or-v1-0123456789",
      "OPENROUTER_API_KEY",
      { source: "env", provider: "default", id: "OPENROUTER_API_KEY" },
      { source: "file", provider: "filemain", id: "/providers/openrouter/apiKey" },
      { source: "exec", id: "pass show openrouter" },
    ])
      expect(validateModelsConfig(withKey(apiKey))).toEqual(withKey(apiKey));
  });

  it("refuses a ref of another source, or without an id, naming the key and the forms it takes", () => {
    for (const apiKey of [{ source: "vault", id: "x" }, { source: "env", id: " " }, 42])
      expect(() => validateModelsConfig(withKey(apiKey))).toThrow(/models\.providers\.openrouter\.apiKey/);
    expect(() => validateModelsConfig(withKey({ source: "vault", id: "x" }))).toThrow(
      /SecretRef such as \{ "source": "env", "id": "OPENROUTER_API_KEY" \}/,
    );
  });
});
