import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearOrder, putProfile, recordOutcome, removeProfile, setOrder } from "./edits.js";
import { AuthStoreError } from "./errors.js";
import type { ProfileInput } from "./schema.js";
import { type AuthStoreDraft, loadAuthStore, updateAuthStore } from "./store.js";

let root: string;
let agentDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-edits-"));
  agentDir = join(root, "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const profilesPath = () => join(agentDir, "auth-profiles.json");
const statePath = () => join(agentDir, "auth-state.json");
const bytes = (path: string) => readFileSync(path);
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const KEY = "sk-live-0123456789abcdefghij";

function seed(profiles: Record<string, unknown>, state?: Record<string, unknown>): void {
  writeFileSync(profilesPath(), `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`);
  if (state) writeFileSync(statePath(), `${JSON.stringify({ version: 1, ...state }, null, 2)}\n`);
}

/** The error an update throws, which must be one. */
async function refusal(update: (draft: AuthStoreDraft) => void): Promise<AuthStoreError> {
  const error = await updateAuthStore(agentDir, update).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!AuthStoreError.isInstance(error)) throw new Error(`expected an AuthStoreError, got ${String(error)}`);
  return error;
}

// A misspelt profile as a JavaScript caller (or a cast) could hand over.
const MISSPELT = { tpye: "api-key", provder: "openai", kee: 42 } as unknown as ProfileInput;

describe("an invalid profile is refused before anything is written", () => {
  beforeEach(() =>
    seed(
      { "openai:default": { type: "api_key", provider: "openai", key: KEY } },
      { order: { openai: ["openai:default"] } },
    ),
  );

  it("by putProfile: a typed error, and both files byte for byte as they were", async () => {
    const [profilesBefore, stateBefore] = [bytes(profilesPath()), bytes(statePath())];
    const error = await refusal((draft) => {
      setOrder(draft, "openai", ["openai:work", "openai:default"]);
      // @ts-expect-error -- a key is a string: this does not type-check, and is refused at run time too.
      putProfile(draft, "openai:work", { type: "api_key", provider: "openai", key: 42 });
    });
    expect(error).toMatchObject({ code: "PROFILE_INVALID", profileId: "openai:work", field: "key" });
    expect(error.message).toBe(
      'Profile "openai:work" cannot be written: its "key" is a number; it must be a string: the API key (or a keyRef). Nothing was written.',
    );
    expect(bytes(profilesPath()).equals(profilesBefore)).toBe(true);
    expect(bytes(statePath()).equals(stateBefore)).toBe(true);
  });

  it("by updateAuthStore, written straight into the draft: named with the file, which is unchanged", async () => {
    const before = bytes(profilesPath());
    const error = await refusal((draft) => {
      // @ts-expect-error -- no profile's fields, and no `type` or `provider`: it does not type-check either.
      draft.profiles["openai:work"] = { tpye: "api-key", provder: "openai", kee: 42 };
    });
    expect(error).toMatchObject({
      code: "PROFILE_INVALID",
      profileId: "openai:work",
      field: "type",
      path: profilesPath(),
    });
    expect(error.message).toBe(
      `Profile "openai:work" in ${profilesPath()} cannot be written: its "type" is missing; it must be "api_key", "token" or "oauth". Nothing was written.`,
    );
    expect(bytes(profilesPath()).equals(before)).toBe(true);
  });

  it("by updateAuthStore, for a profile changed in place", async () => {
    const before = bytes(profilesPath());
    const error = await refusal((draft) => {
      Object.assign(draft.profiles["openai:default"] as object, { keyRef: "OPENAI_API_KEY" });
    });
    expect(error).toMatchObject({ profileId: "openai:default", field: "keyRef" });
    expect(error.message).toContain('it must be a SecretRef object, such as { "source": "env"');
    expect(bytes(profilesPath()).equals(before)).toBe(true);
  });

  it("names the field of a known type that is missing", async () => {
    const error = await refusal((draft) =>
      putProfile(draft, "openai:work", { type: "api_key", key: KEY } as unknown as ProfileInput),
    );
    expect(error).toMatchObject({ field: "provider" });
    expect(error.message).toContain('its "provider" is missing; it must be a string: the provider id');
  });

  it("never shows the value it refuses", async () => {
    const error = await refusal((draft) =>
      putProfile(draft, "openai:work", {
        type: "api_key",
        provider: "openai",
        keyRef: { source: "env", id: 12345678 as unknown as string },
      }),
    );
    expect(error).toMatchObject({ field: "keyRef.id" });
    expect(error.message).toContain('its "keyRef.id" is a number; it must be a string');
    expect(error.message).not.toContain("12345678");
  });

  it("refuses a blank profile id", async () => {
    const error = await refusal((draft) =>
      putProfile(draft, " ", { type: "api_key", provider: "openai", key: KEY }),
    );
    expect(error).toMatchObject({ code: "PROFILE_INVALID", field: "" });
  });
});

describe("a store that can be read stays writable", () => {
  const odd = {
    "aws:sdk": { type: "aws-sdk", region: "eu-west-1" },
    "openai:old": { mode: "api_key", provider: "openai", apiKey: KEY },
    "openai:bad-email": { type: "api_key", provider: "openai", key: KEY, email: 42 },
  };

  it("profiles an update leaves alone are not judged, and are written back as read", async () => {
    seed(odd);
    await updateAuthStore(agentDir, (draft) =>
      putProfile(draft, "anthropic:work", {
        type: "token",
        provider: "anthropic",
        token: "sk-ant-oat01-0123",
      }),
    );
    const { profiles } = readJson(profilesPath());
    expect(profiles).toMatchObject(odd);
    expect(profiles["anthropic:work"]).toEqual({
      type: "token",
      provider: "anthropic",
      token: "sk-ant-oat01-0123",
    });
  });

  it("a new credential for a profile with a malformed field keeps that field as it was", async () => {
    seed(odd);
    await updateAuthStore(agentDir, (draft) =>
      putProfile(draft, "openai:bad-email", { type: "api_key", provider: "openai", key: "sk-new-0123" }),
    );
    expect(readJson(profilesPath()).profiles["openai:bad-email"]).toEqual({
      type: "api_key",
      provider: "openai",
      key: "sk-new-0123",
      email: 42,
    });
  });
});

describe("putProfile", () => {
  const draft = (profiles: Record<string, unknown> = {}): AuthStoreDraft => ({
    profiles: Object.assign(Object.create(null), profiles),
    order: Object.create(null),
    lastGood: Object.create(null),
    usageStats: Object.create(null),
  });

  it("keeps a same-type profile's e-mail, metadata and unknown fields, and replaces its credential whole", () => {
    const edited = draft({
      "openai:work": {
        type: "api_key",
        provider: "openai",
        keyRef: { source: "env", id: "OPENAI_API_KEY" },
        apiKey: "sk-older",
        mode: "api_key",
        email: "me@example.com",
        metadata: { team: "a" },
        note: "mine",
      },
    });
    putProfile(edited, "openai:work", { type: "api_key", provider: "openai", key: KEY });
    expect(edited.profiles["openai:work"]).toEqual({
      type: "api_key",
      provider: "openai",
      email: "me@example.com",
      metadata: { team: "a" },
      note: "mine",
      key: KEY,
    });
  });

  it("replaces a profile of another type outright", () => {
    const edited = draft({
      "anthropic:x": { type: "api_key", provider: "anthropic", key: KEY, email: "me@example.com" },
    });
    putProfile(edited, "anthropic:x", { type: "token", provider: "anthropic", token: "t-0123", expires: 5 });
    expect(edited.profiles["anthropic:x"]).toEqual({
      type: "token",
      provider: "anthropic",
      token: "t-0123",
      expires: 5,
    });
  });

  it("drops an old expiry with the old token, and an OAuth profile's old tokens with it", () => {
    const edited = draft({
      "anthropic:x": { type: "token", provider: "anthropic", token: "t-old", expires: 5 },
      "openai-codex:me": {
        type: "oauth",
        provider: "openai-codex",
        access: "a",
        refresh: "r",
        id_token: "i",
      },
    });
    putProfile(edited, "anthropic:x", { type: "token", provider: "anthropic", token: "t-new" });
    putProfile(edited, "openai-codex:me", { type: "oauth", provider: "openai-codex", access: "a2" });
    expect(edited.profiles["anthropic:x"]).toEqual({ type: "token", provider: "anthropic", token: "t-new" });
    expect(edited.profiles["openai-codex:me"]).toEqual({
      type: "oauth",
      provider: "openai-codex",
      access: "a2",
    });
  });

  it("leaves the draft as it was when it refuses", () => {
    const edited = draft({ "openai:work": { type: "api_key", provider: "openai", key: KEY } });
    expect(() => putProfile(edited, "openai:work", MISSPELT)).toThrow(AuthStoreError);
    expect(edited.profiles["openai:work"]).toEqual({ type: "api_key", provider: "openai", key: KEY });
  });

  it("refuses something that is not an object as it is", () => {
    expect(() => putProfile(draft(), "openai:x", "sk-0123" as unknown as ProfileInput)).toThrow(
      /Profile "openai:x" cannot be written: it is a string, not an object/,
    );
  });
});

describe("removeProfile", () => {
  it("removes the profile and every reference the agent's state holds to it", async () => {
    seed(
      {
        "openai:default": { type: "api_key", provider: "openai", key: KEY },
        "openai:backup": { type: "api_key", provider: "openai", key: KEY },
        "google:only": { type: "api_key", provider: "google", key: KEY },
      },
      {
        order: { openai: ["openai:default", "openai:backup"], google: ["google:only"], zai: [] },
        lastGood: { openai: "openai:default", google: "google:only" },
        usageStats: { "google:only": { lastUsed: 1 }, "openai:backup": { lastUsed: 2 } },
      },
    );
    const { result } = await updateAuthStore(agentDir, (draft) => removeProfile(draft, "google:only"));
    expect(result).toBe(true);
    expect(Object.keys(readJson(profilesPath()).profiles)).toEqual(["openai:default", "openai:backup"]);
    const state = readJson(statePath());
    // An override the removal empties is dropped; one that never named the profile stays, an empty one included.
    expect(state.order).toEqual({ openai: ["openai:default", "openai:backup"], zai: [] });
    expect(state.lastGood).toEqual({ openai: "openai:default" });
    expect(state.usageStats).toEqual({ "openai:backup": { lastUsed: 2 } });
  });

  it("takes the profile out of an override that names others too", async () => {
    seed(
      { "openai:default": { type: "api_key", provider: "openai", key: KEY } },
      { order: { openai: ["openai:default", "openai:backup"] } },
    );
    await updateAuthStore(agentDir, (draft) => removeProfile(draft, "openai:default"));
    expect(readJson(statePath()).order).toEqual({ openai: ["openai:backup"] });
  });

  it("changes nothing and says so for a profile the agent's own store does not have", async () => {
    seed({ "openai:default": { type: "api_key", provider: "openai", key: KEY } }, { lastGood: { x: "x:y" } });
    const [profilesBefore, stateBefore] = [bytes(profilesPath()), bytes(statePath())];
    const { result, wrote } = await updateAuthStore(agentDir, (draft) => removeProfile(draft, "x:y"));
    expect(result).toBe(false);
    expect(wrote).toEqual({ profiles: false, state: false });
    expect(bytes(profilesPath()).equals(profilesBefore)).toBe(true);
    expect(bytes(statePath()).equals(stateBefore)).toBe(true);
  });
});

describe("setOrder and clearOrder", () => {
  beforeEach(() => seed({}, { order: { openai: ["openai:a", "openai:b"] } }));

  it("set an override under the provider's canonical id, and say whether it changed", async () => {
    const { result } = await updateAuthStore(agentDir, (draft) => [
      setOrder(draft, "OpenAI", ["openai:a", "openai:b"]),
      setOrder(draft, "Z.AI", ["zai:work"]),
    ]);
    expect(result).toEqual([false, true]);
    expect(readJson(statePath()).order).toEqual({ openai: ["openai:a", "openai:b"], zai: ["zai:work"] });
  });

  it("keep an empty override: it excludes every profile of its provider", async () => {
    await updateAuthStore(agentDir, (draft) => setOrder(draft, "openai", []));
    expect(readJson(statePath()).order).toEqual({ openai: [] });
  });

  it("refuse a blank profile id or provider, writing nothing", async () => {
    const before = bytes(statePath());
    const error = await refusal((draft) => setOrder(draft, "openai", ["openai:a", " "]));
    expect(error).toMatchObject({ code: "ORDER_INVALID" });
    expect(error.message).toContain("a blank profile id at position 2");
    expect((await refusal((draft) => setOrder(draft, "", ["openai:a"]))).code).toBe("ORDER_INVALID");
    expect(bytes(statePath()).equals(before)).toBe(true);
  });

  it("clear an override, and say when there was none", async () => {
    const { result } = await updateAuthStore(agentDir, (draft) => [
      clearOrder(draft, "openai"),
      clearOrder(draft, "google"),
    ]);
    expect(result).toEqual([true, false]);
    expect(readJson(statePath()).order).toBeUndefined();
  });
});

describe("recordOutcome", () => {
  const mainDir = () => join(root, "agents", "main", "agent");
  const workDir = () => join(root, "agents", "work", "agent");

  it("records an inherited profile's outcome in the agent's own state, from the main agent's stats", async () => {
    seed(
      { "openai:main": { type: "api_key", provider: "openai", key: KEY } },
      { usageStats: { "openai:main": { errorCount: 2, lastFailureAt: 900, cooldownUntil: 950 } } },
    );
    mkdirSync(workDir(), { recursive: true });
    const mainState = bytes(join(mainDir(), "auth-state.json"));
    const { result } = await updateAuthStore(
      workDir(),
      (draft, current) =>
        recordOutcome(draft, current, "openai:main", "rate_limit", { now: 1000, model: "m" }),
      { mainAgentDir: mainDir() },
    );
    expect(result).toBe(true);
    expect(readJson(join(workDir(), "auth-state.json")).usageStats["openai:main"]).toMatchObject({
      errorCount: 3,
      cooldownReason: "rate_limit",
      cooldownModel: "m",
      lastFailureAt: 1000,
    });
    expect(bytes(join(mainDir(), "auth-state.json")).equals(mainState)).toBe(true);
  });

  it("records a success, and nothing for a profile the store does not have or an exempt router's failure", async () => {
    seed({
      "openai:a": { type: "api_key", provider: "openai", key: KEY },
      "openrouter:a": { type: "api_key", provider: "openrouter", key: KEY },
    });
    const { result } = await updateAuthStore(agentDir, (draft, current) => [
      recordOutcome(draft, current, "openai:a", "ok", { now: 7 }),
      recordOutcome(draft, current, "openai:gone", "auth", { now: 7 }),
      recordOutcome(draft, current, "openrouter:a", "rate_limit", { now: 7 }),
    ]);
    expect(result).toEqual([true, false, false]);
    expect(readJson(statePath()).usageStats).toEqual({
      "openai:a": { lastUsed: 7, errorCount: 0, failureCounts: {} },
    });
  });

  it("leaves the store readable as written", async () => {
    seed({ "openai:a": { type: "api_key", provider: "openai", key: KEY } });
    await updateAuthStore(agentDir, (draft, current) =>
      recordOutcome(draft, current, "openai:a", "billing", { now: 10 }),
    );
    const store = await loadAuthStore(agentDir);
    expect(store.ignored).toEqual([]);
    expect(store.state.usageStats["openai:a"]).toMatchObject({ disabledReason: "billing" });
  });
});
