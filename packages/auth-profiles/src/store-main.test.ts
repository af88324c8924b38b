// A sub-agent's store is read over the main agent's, as the reference reads it, and nothing is written to read it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeAuth } from "./overview.js";
import { loadAuthStore, orderOverrideOf, profileStoreOf, updateAuthStore } from "./store.js";
import { recordFailure } from "./usage.js";

let root: string;
let mainDir: string;
let workDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-main-"));
  mainDir = join(root, "agents", "main", "agent");
  workDir = join(root, "agents", "work", "agent");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const apiKey = (provider: string, key: string) => ({ type: "api_key", provider, key });
function write(dir: string, name: string, value: object) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
}
const read = (dir: string, name: string) => readFileSync(join(dir, name), "utf8");

// The reference's `merge` state (2026.4.27, `models status --agent work --json`): the main agent's store and the
// work agent's own, both with state, the same profile id in both.
function seedBoth() {
  write(mainDir, "auth-profiles.json", {
    version: 1,
    profiles: {
      "openai:default": apiKey("openai", "sk-main-abcdefghijklmnopqrstuv"),
      "openai:backup": apiKey("openai", "sk-mainbackup-abcdefghijklmnop"),
      "anthropic:main": { type: "token", provider: "anthropic", token: "sk-ant-oat01-mainmainmainmain" },
    },
  });
  write(mainDir, "auth-state.json", {
    version: 1,
    order: { openai: ["openai:backup", "openai:default"], anthropic: ["anthropic:main"] },
    lastGood: { openai: "openai:backup" },
    usageStats: {
      "openai:backup": { cooldownUntil: 4102444800000, cooldownReason: "rate_limit", errorCount: 1 },
      "openai:default": { lastUsed: 1 },
    },
  });
  write(workDir, "auth-profiles.json", {
    version: 1,
    profiles: {
      "openai:default": apiKey("openai", "sk-work-zyxwvutsrqponmlkjihgfe"),
      "google:work": apiKey("google", "AIzaWORKWORKWORKWORKWORK"),
    },
  });
  write(workDir, "auth-state.json", {
    version: 1,
    usageStats: { "openai:default": { lastUsed: 1700000000000 } },
    order: { google: ["google:work"] },
  });
}

describe("a sub-agent's store read over the main agent's", () => {
  it("has the main agent's profiles, its own winning on the same id, in the reference's order", async () => {
    seedBoth();
    const store = await loadAuthStore(workDir, { mainAgentDir: mainDir });
    // The reference's labels: openai:default=sk-work-...lkjihgfe, openai:backup=sk-mainb...ijklmnop.
    expect(store.profiles.map((profile) => profile.id)).toEqual([
      "openai:default",
      "openai:backup",
      "anthropic:main",
      "google:work",
    ]);
    const own = store.profiles.find((profile) => profile.id === "openai:default");
    expect(own?.type === "api_key" && own.data.key?.reveal()).toBe("sk-work-zyxwvutsrqponmlkjihgfe");
    expect([...store.inherited].sort()).toEqual(["anthropic:main", "openai:backup"]);
    expect(profileStoreOf(store, "openai:default")).toBe("agent");
    expect(profileStoreOf(store, "openai:backup")).toBe("main");
    expect(store.main?.paths.profilesPath).toBe(join(mainDir, "auth-profiles.json"));
    expect(store.paths.profilesPath).toBe(join(workDir, "auth-profiles.json"));
  });

  it("has the main agent's state too, entry by entry, the agent's own entry winning", async () => {
    seedBoth();
    const { state } = await loadAuthStore(workDir, { mainAgentDir: mainDir });
    // The reference's `auth order get --agent work --provider openai --json` → ["openai:backup", "openai:default"];
    // its unusableProfiles list openai:backup's cooldown from the main agent's state.
    expect(state.order).toEqual({
      openai: ["openai:backup", "openai:default"],
      anthropic: ["anthropic:main"],
      google: ["google:work"],
    });
    expect(state.lastGood).toEqual({ openai: "openai:backup" });
    expect(state.usageStats["openai:default"]).toEqual({ lastUsed: 1700000000000 });
    expect(state.usageStats["openai:backup"]).toMatchObject({ cooldownUntil: 4102444800000 });
  });

  it("says whose order override applies", async () => {
    seedBoth();
    const store = await loadAuthStore(workDir, { mainAgentDir: mainDir });
    expect(orderOverrideOf(store, "openai")).toEqual({
      order: ["openai:backup", "openai:default"],
      store: "main",
    });
    expect(orderOverrideOf(store, "google")).toEqual({ order: ["google:work"], store: "agent" });
    expect(orderOverrideOf(store, "zai")).toBeUndefined();
  });

  it("inherits every profile when the agent has no store, and writes nothing to read it", async () => {
    seedBoth();
    rmSync(join(root, "agents", "work"), { recursive: true });
    const mainBefore = read(mainDir, "auth-profiles.json");
    const store = await loadAuthStore(workDir, { mainAgentDir: mainDir });
    expect(store.profiles.map((profile) => profile.id)).toEqual([
      "openai:default",
      "openai:backup",
      "anthropic:main",
    ]);
    expect(store.inherited.size).toBe(3);
    // The reference copies the main store into agents/work/agent/auth-profiles.json here.
    expect(existsSync(join(root, "agents", "work"))).toBe(false);
    expect(read(mainDir, "auth-profiles.json")).toBe(mainBefore);
  });

  it("reads only its own store when the main agent's folder is its own", async () => {
    seedBoth();
    const store = await loadAuthStore(mainDir, { mainAgentDir: `${mainDir}/` });
    expect(store.main).toBeUndefined();
    expect(store.inherited.size).toBe(0);
    expect(store.state.order.google).toBeUndefined();
  });

  it("reports the main agent's store as the effective source, as the reference does", async () => {
    seedBoth();
    const store = await loadAuthStore(workDir, { mainAgentDir: mainDir });
    const auth = describeAuth({ store, config: {}, env: {}, now: 0, inUse: [{ provider: "google" }] });
    const google = auth.providers.find((provider) => provider.provider === "google");
    // The reference's effective.detail for google:work, a profile only the work agent has:
    // "~/.openclaw/agents/main/agent/auth-profiles.json".
    expect(google?.effective).toEqual({ kind: "profiles", detail: join(mainDir, "auth-profiles.json") });
    expect(google?.inherited).toEqual([]);
    const openai = auth.providers.find((provider) => provider.provider === "openai");
    expect(openai?.inherited).toEqual(["openai:backup"]);
    expect(auth.oauth.profiles.map((profile) => [profile.profileId, profile.store])).toEqual([
      ["anthropic:main", "main"],
      ["google:work", "agent"],
      ["openai:backup", "main"],
      ["openai:default", "agent"],
    ]);
  });
});

describe("updating a sub-agent's store", () => {
  it("writes only the agent's own files, and hands the update the agent's own draft and the merged store", async () => {
    seedBoth();
    const mainProfiles = read(mainDir, "auth-profiles.json");
    const mainState = read(mainDir, "auth-state.json");
    const mainMtime = statSync(join(mainDir, "auth-state.json")).mtimeMs;
    const { store } = await updateAuthStore(
      workDir,
      (draft, current) => {
        expect(Object.keys(draft.profiles)).toEqual(["openai:default", "google:work"]);
        expect(Object.keys(draft.order)).toEqual(["google"]);
        expect(current.inherited.has("openai:backup")).toBe(true);
        draft.usageStats["openai:backup"] = recordFailure(
          current.state.usageStats["openai:backup"],
          "rate_limit",
          { now: 5 },
        );
        draft.order.openai = ["openai:default"];
      },
      { mainAgentDir: mainDir },
    );
    expect(read(mainDir, "auth-profiles.json")).toBe(mainProfiles);
    expect(read(mainDir, "auth-state.json")).toBe(mainState);
    expect(statSync(join(mainDir, "auth-state.json")).mtimeMs).toBe(mainMtime);
    const workState = JSON.parse(read(workDir, "auth-state.json"));
    expect(workState.order).toEqual({ google: ["google:work"], openai: ["openai:default"] });
    expect(workState.usageStats["openai:backup"]).toMatchObject({
      cooldownReason: "rate_limit",
      errorCount: 1,
    });
    expect(Object.keys(JSON.parse(read(workDir, "auth-profiles.json")).profiles)).toEqual([
      "openai:default",
      "google:work",
    ]);
    // The store after the update is the merged one again: the agent's override now wins.
    expect(orderOverrideOf(store, "openai")).toEqual({ order: ["openai:default"], store: "agent" });
    expect(store.inherited.has("anthropic:main")).toBe(true);
  });
});
