// Profile ids and provider ids that are also Object.prototype keys are read, looked up and written back like any
// other id: never dropped, never found where the file holds nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeAuth } from "./overview.js";
import { providerSources } from "./sources.js";
import { loadAuthStore, updateAuthStore } from "./store.js";

const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];
// Through a variable, as ids arrive from files and arguments (and not the `__proto__` accessor a literal would read as).
const PROTO: string = "__proto__";
const key = (name: string) => `sk-${name}-0123456789abcdef`;

// Written as text (a JS object literal would turn `__proto__` into a prototype instead of a key), in the layout the
// store writes, so that a rewrite would show.
const asWritten = (text: string) => `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
const PROFILES_TEXT = asWritten(`{
  "version": 1,
  "profiles": {
${NAMES.map((name) => `    "${name}": { "type": "api_key", "provider": "openai", "key": "${key(name)}" },`).join("\n")}
    "constructor:work": { "type": "token", "provider": "constructor", "token": "tok-constructor-0123456789" }
  }
}`);
const STATE_TEXT = `{
  "version": 1,
  "order": { "__proto__": ["__proto__"], "openai": ["toString", "__proto__"] },
  "lastGood": { "constructor": "constructor:work" },
  "usageStats": { "__proto__": { "lastUsed": 1 }, "valueOf": { "errorCount": 2 } }
}
`;

let root: string;
let agentDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-names-"));
  agentDir = join(root, "agent");
  mkdirSync(agentDir);
  writeFileSync(join(agentDir, "auth-profiles.json"), PROFILES_TEXT);
  writeFileSync(join(agentDir, "auth-state.json"), STATE_TEXT);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(agentDir, name), "utf8");

describe("ids that are Object.prototype keys", () => {
  it("are read as profiles and as keys of the state", async () => {
    const store = await loadAuthStore(agentDir);
    expect(store.profiles.map((profile) => profile.id)).toEqual([...NAMES, "constructor:work"]);
    expect(store.state.order[PROTO]).toEqual(["__proto__"]);
    expect(Object.keys(store.state.order)).toEqual(["__proto__", "openai"]);
    expect(store.state.usageStats[PROTO]).toEqual({ lastUsed: 1 });
    expect(store.state.lastGood.constructor).toBe("constructor:work");
  });

  it("find nothing the file does not hold", async () => {
    const store = await loadAuthStore(agentDir);
    expect(store.state.order.constructor).toBeUndefined();
    expect(store.state.order.toString).toBeUndefined();
    expect(store.state.lastGood.valueOf).toBeUndefined();
    expect(store.state.usageStats.hasOwnProperty).toBeUndefined();
  });

  it("are written back unchanged by an update of something else", async () => {
    const { store } = await updateAuthStore(agentDir, (draft) => {
      draft.usageStats.openai = { lastUsed: 5 };
    });
    expect(read("auth-profiles.json")).toBe(PROFILES_TEXT);
    const state = JSON.parse(read("auth-state.json"));
    expect(state).toEqual({ ...JSON.parse(STATE_TEXT), usageStats: expect.any(Object) });
    expect(Object.keys(state.usageStats)).toEqual(["__proto__", "valueOf", "openai"]);
    expect(store.profiles).toHaveLength(NAMES.length + 1);
  });

  it("are plain keys of the draft: stored when set, absent unless stored", async () => {
    await updateAuthStore(agentDir, (draft) => {
      for (const name of NAMES) {
        expect(name in draft.order).toBe(name === "__proto__");
        expect(Object.hasOwn(draft.profiles, name)).toBe(true);
        delete draft.profiles[name];
      }
      expect("toString" in draft.profiles).toBe(false);
      draft.profiles[PROTO] = { type: "api_key", provider: "openai", key: "sk-new-proto-0123456789" };
      const [constructorId, , toStringId] = NAMES as [string, string, string];
      draft.order[constructorId] = ["constructor:work"];
      draft.lastGood[toStringId] = "toString";
    });
    const profiles = JSON.parse(read("auth-profiles.json")).profiles;
    expect(Object.keys(profiles)).toEqual(["constructor:work", "__proto__"]);
    const state = JSON.parse(read("auth-state.json"));
    expect(state.order.constructor).toEqual(["constructor:work"]);
    expect(state.lastGood.toString).toBe("toString");
  });

  it("are a provider whose sources and overview work like any other's", async () => {
    const store = await loadAuthStore(agentDir);
    const config = JSON.parse('{ "auth": { "order": { "__proto__": ["x"] } } }');
    const sources = providerSources("constructor", { store, config, env: {} });
    expect(sources.orderSource).toBe("store");
    expect(sources.ordered.map((profile) => profile.id)).toEqual(["constructor:work"]);
    const overview = describeAuth({
      store,
      config,
      env: {},
      now: 1_795_430_234_617,
      inUse: [{ provider: "constructor" }, { provider: "openai" }],
    });
    expect(overview.check.exitCode).toBe(0);
    const openai = overview.providers.find((provider) => provider.provider === "openai");
    expect(openai?.order).toEqual(["toString", "__proto__"]);
  });

  it("ignore a malformed state value under __proto__, naming its key, and find nothing there", async () => {
    writeFileSync(join(agentDir, "auth-state.json"), '{ "version": 1, "order": { "__proto__": 5 } }');
    const store = await loadAuthStore(agentDir);
    expect(store.ignored).toEqual([
      {
        path: join(agentDir, "auth-state.json"),
        field: "order.__proto__",
        problem: "5, not a list of profile ids",
      },
    ]);
    expect(Object.keys(store.state.order)).toEqual([]);
    expect(store.state.order[PROTO]).toBeUndefined();
  });
});
