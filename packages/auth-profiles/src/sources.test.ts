import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelsConfig } from "@modelctl/model-ref";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerEntry, providerSources } from "./sources.js";
import { type AuthStore, loadAuthStore } from "./store.js";

let root: string;
let store: AuthStore;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "modelctl-sources-"));
  store = await loadAuthStore(join(root, "agent")); // no profiles: the config key is all there is
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const withKey = (apiKey: unknown): ModelsConfig =>
  ({ models: { providers: { myproxy: { apiKey } } } }) as ModelsConfig;
const sources = (apiKey: unknown, env: Record<string, string> = {}) =>
  providerSources("myproxy", { store, config: withKey(apiKey), env });

describe("the config's key (models.providers.<id>.apiKey)", () => {
  it("a literal key is masked and used", () => {
    const { effective, modelsJson } = sources("pk-0123456789abcdefghijkl");
    expect(effective).toMatchObject({ kind: "models.json", label: "pk-...jkl" });
    expect(modelsJson?.unresolved).toBeUndefined();
  });

  it("an env SecretRef is shown as ref(env:NAME) and used when the variable is set", () => {
    const ref = { source: "env", provider: "default", id: "MY_PROXY_KEY" };
    expect(sources(ref, { MY_PROXY_KEY: "pk-0123456789abcdefghijkl" }).effective).toEqual({
      kind: "models.json",
      detail: "models.providers.myproxy.apiKey",
      label: "ref(env:MY_PROXY_KEY)",
    });
  });

  it("reads a dollar-brace template such as $\u007bNAME} as an env ref, as OpenClaw does", () => {
    const template = "$" + "{MY_PROXY_KEY}"; // a plain string, not a template literal
    expect(sources(template, { MY_PROXY_KEY: "pk-0123456789abcdefghijkl" }).effective).toMatchObject({
      kind: "models.json",
      label: "ref(env:MY_PROXY_KEY)",
    });
    expect(sources(template).effective.kind).toBe("missing");
  });

  it("a key or env ref naming a variable that is not set is listed but is no credential", () => {
    for (const apiKey of ["OPENAI_API_KEY", { source: "env", id: "MY_PROXY_KEY" }]) {
      const { effective, modelsJson } = sources(apiKey);
      expect(effective.kind).toBe("missing");
      expect(modelsJson?.unresolved).toMatch(/is not set$/);
    }
    expect(sources("OPENAI_API_KEY").modelsJson?.label).toBe("marker(OPENAI_API_KEY)");
  });

  it("a file or exec ref counts as a credential without being read", () => {
    const file = sources({ source: "file", id: join(root, "no-such-file") });
    expect(file.effective).toMatchObject({
      kind: "models.json",
      label: `ref(file:${join(root, "no-such-file")})`,
    });
    expect(sources({ source: "exec", id: "exit 1" }).effective.kind).toBe("models.json");
  });
});

describe("providerEntry", () => {
  const providers = { "Z.AI": { id: 1 }, zai: { id: 2 }, MyProxy: { id: 3 } };

  it("finds the key spelled exactly first, else another spelling of the provider, and says which key", () => {
    expect(providerEntry(providers, "zai")).toEqual({ key: "zai", value: { id: 2 } });
    expect(providerEntry(providers, "myproxy")).toEqual({ key: "MyProxy", value: { id: 3 } });
    expect(providerEntry({ "z-ai": { id: 4 } }, "zai")).toEqual({ key: "z-ai", value: { id: 4 } });
  });

  it("finds only the map's own keys", () => {
    expect(providerEntry({}, "constructor")).toBeUndefined();
    expect(providerEntry({ constructor: 1 }, "constructor")).toEqual({ key: "constructor", value: 1 });
    expect(providerEntry(undefined, "openai")).toBeUndefined();
  });
});
