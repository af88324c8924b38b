// A loaded store holds its secrets as `Secret`s: printing, serialising or inspecting it never shows one, and the
// files on disk keep the plain values.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format, inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { profileCredential } from "./credential.js";
import { describeAuth } from "./overview.js";
import { Secret } from "./secret.js";
import { loadAuthStore, updateAuthStore } from "./store.js";

const canary = (name: string) => `${name}-CANARY-q8Zr2Lx7Wm4Tn6Vb-END`;
const C = {
  key: canary("sk-key"),
  legacyApiKey: canary("sk-legacy"),
  token: canary("sk-ant-oat01-token"),
  access: canary("ya29.access"),
  refresh: canary("1//refresh"),
  idToken: canary("eyJid-token"),
  idTokenSnake: canary("eyJid_token"),
  unknownField: canary("client-secret"),
  unknownType: canary("saml-assertion"),
  notAnObject: canary("bare-string-profile"),
};

const FILE = {
  version: 1,
  profiles: {
    "openai:default": { type: "api_key", provider: "openai", key: C.key },
    "openai:legacy": { mode: "api_key", provider: "openai", apiKey: C.legacyApiKey },
    "openai:envname": { type: "api_key", provider: "openai", key: "OPENAI_API_KEY" },
    "ollama:local": { type: "api_key", provider: "ollama", key: "ollama-local" },
    "anthropic:manual": { type: "token", provider: "anthropic", token: C.token, expires: 4_102_444_800_000 },
    "openai-codex:default": {
      type: "oauth",
      provider: "openai-codex",
      access: C.access,
      refresh: C.refresh,
      idToken: C.idToken,
      id_token: C.idTokenSnake,
      client_secret: C.unknownField,
      expires: 4_102_444_800_000,
      email: "me@example.com",
    },
    "acme:saml": { type: "saml", provider: "acme", assertion: C.unknownType },
    "acme:odd": C.notAnObject,
  },
  order: { openai: ["openai:default", "openai:legacy"] },
};
const TEXT = `${JSON.stringify(FILE, null, 2)}\n`;

let root: string;
let agentDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-secrets-"));
  agentDir = join(root, "agent");
  mkdirSync(agentDir);
  writeFileSync(join(agentDir, "auth-profiles.json"), TEXT);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const profilesText = () => readFileSync(join(agentDir, "auth-profiles.json"), "utf8");

/** Every way a careless caller could print a value. */
function renderings(value: unknown): string[] {
  return [
    inspect(value, { depth: Number.POSITIVE_INFINITY }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, getters: true }),
    format("%s %o %O %j", value, value, value, value),
    JSON.stringify(value),
    String(value),
    `${value}`,
  ];
}

function expectNoCanary(value: unknown): void {
  for (const shown of renderings(value))
    for (const secret of Object.values(C)) expect(shown).not.toContain(secret);
}

describe("secrets of a loaded store", () => {
  it("never appear when the store or any profile is printed, serialised or inspected", async () => {
    const store = await loadAuthStore(agentDir);
    expect(store.profiles).toHaveLength(Object.keys(FILE.profiles).length);
    expectNoCanary(store);
    for (const profile of store.profiles) {
      expectNoCanary(profile);
      if (profile.type !== "unknown") expectNoCanary(profile.data);
      expectNoCanary(profileCredential(profile));
    }
  });

  it("are Secrets that give their value only through reveal()", async () => {
    const byId = new Map((await loadAuthStore(agentDir)).profiles.map((profile) => [profile.id, profile]));
    const reveal = (id: string, field: string) => {
      const profile = byId.get(id);
      if (!profile || profile.type === "unknown") throw new Error(`no profile ${id}`);
      const value = (profile.data as Record<string, unknown>)[field];
      expect(value).toBeInstanceOf(Secret);
      return (value as Secret).reveal();
    };
    expect(reveal("openai:default", "key")).toBe(C.key);
    expect(reveal("openai:legacy", "key")).toBe(C.legacyApiKey);
    expect(reveal("anthropic:manual", "token")).toBe(C.token);
    expect(reveal("openai-codex:default", "access")).toBe(C.access);
    expect(reveal("openai-codex:default", "refresh")).toBe(C.refresh);
    expect(reveal("openai-codex:default", "idToken")).toBe(C.idToken);
    expect(reveal("openai-codex:default", "id_token")).toBe(C.idTokenSnake);
  });

  it("keep markers readable as markers, while the field that holds the value stays a Secret", async () => {
    const store = await loadAuthStore(agentDir);
    const envname = store.profiles.find((profile) => profile.id === "openai:envname");
    const local = store.profiles.find((profile) => profile.id === "ollama:local");
    expect(envname && profileCredential(envname)).toEqual({
      kind: "marker",
      marker: { value: "OPENAI_API_KEY", envVar: "OPENAI_API_KEY" },
    });
    expect(local && profileCredential(local)).toEqual({ kind: "marker", marker: { value: "ollama-local" } });
    expect(inspect(local, { depth: Number.POSITIVE_INFINITY })).toContain("ollama-local");
    expect(envname?.type === "api_key" && envname.data.key).toBeInstanceOf(Secret);
  });

  it("never appear in describeAuth's output", async () => {
    const store = await loadAuthStore(agentDir);
    const overview = describeAuth({
      store,
      config: {},
      env: {},
      now: 1_795_430_234_617,
      inUse: [{ provider: "openai" }, { provider: "anthropic" }, { provider: "openai-codex" }],
    });
    expectNoCanary(overview);
  });

  it("never appear in the store an update hands to its callback or returns", async () => {
    let seen: unknown;
    const update = await updateAuthStore(agentDir, (draft, current) => {
      seen = current;
      draft.usageStats["openai:default"] = { lastUsed: 1 };
    });
    expectNoCanary(seen);
    expectNoCanary(update);
    expectNoCanary(update.store);
  });

  it("leave the file as it was after a load and after an update of something else", async () => {
    await loadAuthStore(agentDir);
    expect(profilesText()).toBe(TEXT);
    const { wrote } = await updateAuthStore(agentDir, (draft) => {
      draft.usageStats["openai:default"] = { lastUsed: 1 };
    });
    // The legacy `order` moves to auth-state.json; every profile stays byte for byte as it was.
    expect(wrote).toEqual({ profiles: true, state: true });
    const { order: _order, ...rest } = FILE;
    expect(profilesText()).toBe(`${JSON.stringify(rest, null, 2)}\n`);
    const again = profilesText();
    await updateAuthStore(agentDir, (draft) => {
      draft.usageStats["openai:default"] = { lastUsed: 2 };
    });
    expect(profilesText()).toBe(again);
  });

  it("are written as plain strings when an update adds a profile beside them", async () => {
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:new"] = { type: "api_key", provider: "openai", key: "sk-new-0123456789abcdef" };
    });
    const written = JSON.parse(profilesText()).profiles;
    expect(written).toEqual({
      ...FILE.profiles,
      "openai:new": { type: "api_key", provider: "openai", key: "sk-new-0123456789abcdef" },
    });
  });
});
