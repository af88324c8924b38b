// A malformed runtime state value is ignored and reported, never fatal, and stays in its file until a write
// replaces it. The reference (2026.4.27) ignores every one of these values silently and exits 0.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UNCHANGED } from "@modelctl/safe-file";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAuthStore, updateAuthStore } from "./store.js";
import { recordFailure } from "./usage.js";

let root: string;
let agentDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-state-"));
  agentDir = join(root, "agent");
  mkdirSync(agentDir);
  writeFileSync(
    profilesPath(),
    JSON.stringify({
      version: 1,
      profiles: {
        "openai:default": { type: "api_key", provider: "openai", key: "sk-main-abcdefghijklmnopqrstuv" },
        "openai:backup": { type: "api_key", provider: "openai", key: "sk-back-abcdefghijklmnopqrstuv" },
      },
    }),
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function profilesPath() {
  return join(agentDir, "auth-profiles.json");
}
const statePath = () => join(agentDir, "auth-state.json");
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const writeState = (value: unknown) => writeFileSync(statePath(), JSON.stringify(value));

const BAD_STATE = {
  version: 1,
  order: { openai: ["openai:backup", 5], anthropic: "anthropic:x", zai: [7] },
  lastGood: { openai: 5, google: "google:a" },
  usageStats: {
    "openai:default": {
      cooldownUntil: "1795430219982",
      cooldownReason: "rate_limit",
      disabledUntil: -5,
      errorCount: 1.5,
      failureCounts: { auth: "2", rate_limit: 1 },
      note: "kept",
    },
    "openai:backup": "x",
  },
};

describe("a malformed state value", () => {
  it("is left out of the loaded state, and listed with its file, its place and what is wrong", async () => {
    writeState(BAD_STATE);
    const store = await loadAuthStore(agentDir);
    expect(store.state.order).toEqual({ openai: ["openai:backup"] });
    expect(store.state.lastGood).toEqual({ google: "google:a" });
    expect(store.state.usageStats).toEqual({
      "openai:default": { cooldownReason: "rate_limit", failureCounts: { rate_limit: 1 }, note: "kept" },
    });
    const at = (field: string, problem: string) => ({ path: statePath(), field, problem });
    expect(store.ignored).toEqual([
      at("order.openai[1]", "5, not a profile id (a string that is not blank)"),
      at("order.anthropic", "a string, not a list of profile ids"),
      at("order.zai[0]", "7, not a profile id (a string that is not blank)"),
      at("lastGood.openai", "5, not a profile id (a string that is not blank)"),
      at(
        'usageStats["openai:default"].cooldownUntil',
        "a string, not a time (epoch milliseconds, a number ≥ 0)",
      ),
      at('usageStats["openai:default"].disabledUntil', "-5, not a time (epoch milliseconds, a number ≥ 0)"),
      at('usageStats["openai:default"].errorCount', "1.5, not a count (a whole number ≥ 0)"),
      at('usageStats["openai:default"].failureCounts.auth', "a string, not a count (a whole number ≥ 0)"),
      at('usageStats["openai:backup"]', "a string, not an object of usage stats"),
    ]);
  });

  it("never shows a string's text", async () => {
    writeState({
      version: 1,
      usageStats: { "openai:default": { cooldownUntil: "sk-oops-pasted-a-key-here" } },
    });
    const { ignored } = await loadAuthStore(agentDir);
    expect(JSON.stringify(ignored)).not.toContain("sk-oops");
  });

  it("of a map as a whole leaves the map out", async () => {
    // The reference's `{"version":1,"order":"x","usageStats":[]}`: exit 0, no cooldowns.
    writeState({ version: 1, order: "x", usageStats: [] });
    const store = await loadAuthStore(agentDir);
    expect(store.state).toEqual({ order: {}, lastGood: {}, usageStats: {} });
    expect(store.ignored.map((field) => field.field)).toEqual(["order", "usageStats"]);
  });

  it("in a version that is not a number is ignored, but a version modelctl does not read still refuses the file", async () => {
    writeState({ version: "1", usageStats: { "openai:default": { cooldownUntil: 4102444800000 } } });
    const store = await loadAuthStore(agentDir);
    expect(store.ignored).toEqual([
      { path: statePath(), field: "version", problem: "a string, not a number" },
    ]);
    expect(store.state.usageStats["openai:default"]).toEqual({ cooldownUntil: 4102444800000 });
    writeState({ version: 2 });
    await expect(loadAuthStore(agentDir)).rejects.toMatchObject({ code: "FILE_INVALID" });
  });

  it("in the state an older auth-profiles.json keeps inline is ignored the same way", async () => {
    // The reference's legacy keys {"usageStats":{"openai:default":{"cooldownUntil":"4102444800000"},
    // "openai:backup":{"cooldownUntil":4102444800000}},"order":{"openai":7}}: exit 0, openai:backup [cooldown …].
    const doc = readJson(profilesPath());
    writeFileSync(
      profilesPath(),
      JSON.stringify({
        ...doc,
        usageStats: {
          "openai:default": { cooldownUntil: "4102444800000" },
          "openai:backup": { cooldownUntil: 4102444800000 },
        },
        order: { openai: 7 },
      }),
    );
    const store = await loadAuthStore(agentDir);
    expect(store.state.usageStats).toEqual({
      "openai:default": {},
      "openai:backup": { cooldownUntil: 4102444800000 },
    });
    expect(store.state.order).toEqual({});
    expect(store.ignored.map(({ path, field }) => [path, field])).toEqual([
      [profilesPath(), "order.openai"],
      [profilesPath(), 'usageStats["openai:default"].cooldownUntil'],
    ]);
  });
});

describe("a state file that is not an object or does not parse", () => {
  it.each([
    ["[]", "a list, not an object"],
    ['{"version":1,"usageStats":{', "not valid JSON (line 1, column 28)"],
  ])("%s is read as empty, reported, and refused by a write that would replace it", async (text, problem) => {
    writeFileSync(statePath(), text);
    const store = await loadAuthStore(agentDir);
    expect(store.ignored).toEqual([{ path: statePath(), field: "", problem }]);
    expect(store.profiles).toHaveLength(2);
    const error = await updateAuthStore(agentDir, (draft) => {
      draft.order.openai = ["openai:default"];
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: expect.stringMatching(/^FILE_(INVALID|UNPARSEABLE)$/),
      path: statePath(),
    });
    expect(readFileSync(statePath(), "utf8")).toBe(text);
  });
});

describe("a write keeps a malformed state value", () => {
  it("as it was when the write changes something else", async () => {
    writeState(BAD_STATE);
    const { store } = await updateAuthStore(agentDir, (draft) => {
      draft.order.google = ["google:a"];
    });
    const written = readJson(statePath());
    expect(written).toEqual({ ...BAD_STATE, order: { ...BAD_STATE.order, google: ["google:a"] } });
    // Still ignored after the write, as a fresh read would find it.
    expect(store.ignored).toHaveLength(9);
  });

  it("until the write replaces the entry it belongs to", async () => {
    writeState(BAD_STATE);
    await updateAuthStore(agentDir, (draft) => {
      draft.usageStats["openai:default"] = recordFailure(draft.usageStats["openai:default"], "rate_limit", {
        now: 1_000,
      });
      draft.order.openai = ["openai:default"];
    });
    const written = readJson(statePath());
    expect(written.usageStats["openai:default"]).toEqual({
      cooldownUntil: 31_000,
      cooldownReason: "rate_limit",
      failureCounts: { rate_limit: 1 },
      note: "kept",
      errorCount: 1,
      lastFailureAt: 1_000,
    });
    expect(written.order).toEqual({ openai: ["openai:default"], anthropic: "anthropic:x", zai: [7] });
    // Entries the write did not touch keep their malformed values.
    expect(written.usageStats["openai:backup"]).toBe("x");
    expect(written.lastGood).toEqual({ openai: 5, google: "google:a" });
  });

  it("that is a whole map until the write puts an entry in it", async () => {
    writeState({ version: 1, order: "x", usageStats: [] });
    await updateAuthStore(agentDir, (draft) => {
      draft.lastGood.openai = "openai:default";
    });
    expect(readJson(statePath())).toEqual({
      version: 1,
      order: "x",
      usageStats: [],
      lastGood: { openai: "openai:default" },
    });
    await updateAuthStore(agentDir, (draft) => {
      draft.order.openai = ["openai:backup"];
    });
    expect(readJson(statePath()).order).toEqual({ openai: ["openai:backup"] });
  });

  it("that an older auth-profiles.json keeps inline: moved as it is, or left where it is when it is not a map", async () => {
    const doc = readJson(profilesPath());
    const legacy = { usageStats: { "openai:default": { cooldownUntil: "soon" } }, order: 7 };
    writeFileSync(profilesPath(), JSON.stringify({ ...doc, ...legacy }));
    await updateAuthStore(agentDir, (draft) => {
      draft.lastGood.openai = "openai:default";
    });
    expect(readJson(statePath())).toEqual({
      version: 1,
      lastGood: { openai: "openai:default" },
      usageStats: legacy.usageStats,
    });
    expect(readJson(profilesPath())).toEqual({ ...doc, order: 7 });
  });

  it("and writes nothing when nothing changed", async () => {
    writeState(BAD_STATE);
    const mtime = statSync(statePath()).mtimeMs;
    const { wrote } = await updateAuthStore(agentDir, () => UNCHANGED);
    expect(wrote).toEqual({ profiles: false, state: false });
    expect(statSync(statePath()).mtimeMs).toBe(mtime);
  });
});
