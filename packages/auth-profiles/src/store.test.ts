import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UNCHANGED } from "@modelctl/safe-file";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAuthStore, updateAuthStore } from "./store.js";

const FIXTURE = new URL("../test/fixtures/handwritten-auth-profiles.json", import.meta.url);

let agentDir: string;
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-store-"));
  agentDir = join(root, "agents", "main", "agent");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const profilesPath = () => join(agentDir, "auth-profiles.json");
const statePath = () => join(agentDir, "auth-state.json");
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
function seed(text: string) {
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(profilesPath(), text);
}

describe("loadAuthStore", () => {
  it("reads a missing store as empty, and creates nothing", async () => {
    const store = await loadAuthStore(agentDir);
    expect(store.profiles).toEqual([]);
    expect(() => statSync(agentDir)).toThrow();
  });

  it("reads the state that older files keep beside the profiles", async () => {
    seed(readFileSync(FIXTURE, "utf8"));
    const store = await loadAuthStore(agentDir);
    expect(store.profiles.map((profile) => profile.id)).toContain("openai-codex:default");
    expect(store.state.order).toEqual({ openai: ["openai:default"] });
    expect(store.state.usageStats["anthropic:manual"]).toMatchObject({ disabledReason: "billing" });
    expect(store.hasLegacyState).toBe(true);
  });

  it("keys order and lastGood by canonical provider id, however they were spelled", async () => {
    seed(
      JSON.stringify({
        version: 1,
        profiles: {},
        order: { OpenAI: ["openai:a"] },
        lastGood: { "Z.AI": "zai:x" },
      }),
    );
    const { state } = await loadAuthStore(agentDir);
    expect(state.order).toEqual({ openai: ["openai:a"] });
    expect(state.lastGood).toEqual({ zai: "zai:x" });
  });

  it("accepts mode for type and apiKey for key", async () => {
    seed(
      JSON.stringify({
        version: 1,
        profiles: { "openai:old": { mode: "api_key", provider: "openai", apiKey: "sk-old-1234567890" } },
      }),
    );
    const [profile] = (await loadAuthStore(agentDir)).profiles;
    expect(profile?.type).toBe("api_key");
    expect(profile?.type === "api_key" && profile.data.key?.reveal()).toBe("sk-old-1234567890");
  });

  it("refuses a file whose profiles are not an object, naming the key", async () => {
    seed('{ "version": 1, "profiles": [] }');
    await expect(loadAuthStore(agentDir)).rejects.toMatchObject({
      code: "FILE_INVALID",
      message: expect.stringContaining("profiles"),
    });
  });

  it("refuses a version it does not know", async () => {
    seed('{ "version": 2, "profiles": {} }');
    await expect(loadAuthStore(agentDir)).rejects.toMatchObject({
      code: "FILE_INVALID",
      message: expect.stringContaining("version 2"),
    });
  });
});

describe("updateAuthStore", () => {
  it("moves legacy state to auth-state.json on the next write and keeps every profile", async () => {
    seed(readFileSync(FIXTURE, "utf8"));
    const before = readJson(profilesPath());
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:new"] = { type: "api_key", provider: "openai", key: "sk-new-0123456789abcdef" };
    });
    const profiles = readJson(profilesPath());
    expect(Object.keys(profiles)).toEqual(["version", "profiles"]);
    expect(profiles.profiles).toEqual({ ...before.profiles, "openai:new": expect.any(Object) });
    expect(readJson(statePath())).toEqual({
      version: 1,
      order: before.order,
      lastGood: before.lastGood,
      usageStats: before.usageStats,
    });
  });

  it("writes unknown fields and unknown profile types back unchanged", async () => {
    const doc = {
      version: 1,
      extra: { kept: true },
      profiles: {
        "acme:x": { type: "saml", provider: "acme", assertion: "…", nested: { a: [1, 2] } },
        "openai:k": { type: "api_key", provider: "openai", key: "sk-k-0123456789", note: "mine" },
      },
    };
    seed(JSON.stringify(doc));
    await updateAuthStore(agentDir, (draft) => {
      draft.order.openai = ["openai:k"];
    });
    expect(readJson(profilesPath())).toEqual(doc);
    expect(readJson(statePath())).toEqual({ version: 1, order: { openai: ["openai:k"] } });
  });

  it("writes nothing when the update changes nothing", async () => {
    seed(JSON.stringify({ version: 1, profiles: {} }, null, 2));
    const mtime = statSync(profilesPath()).mtimeMs;
    const { wrote } = await updateAuthStore(agentDir, () => UNCHANGED);
    expect(wrote).toEqual({ profiles: false, state: false });
    expect(statSync(profilesPath()).mtimeMs).toBe(mtime);
    expect(() => statSync(statePath())).toThrow();
  });

  it("re-applies mode 0600 to the files and 0700 to the folder on every write", async () => {
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:a"] = { type: "api_key", provider: "openai", key: "sk-a-0123456789" };
      draft.order.openai = ["openai:a"];
    });
    chmodSync(profilesPath(), 0o644);
    chmodSync(agentDir, 0o755);
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:b"] = { type: "api_key", provider: "openai", key: "sk-b-0123456789" };
    });
    expect(statSync(profilesPath()).mode & 0o777).toBe(0o600);
    expect(statSync(statePath()).mode & 0o777).toBe(0o600);
    expect(statSync(agentDir).mode & 0o777).toBe(0o700);
  });

  it("leaves a file that does not parse byte-for-byte unchanged and says where it broke", async () => {
    const broken =
      '{\n  "version": 1,\n  "profiles": {\n    "openai:a": { "type": "api_key" "key": "sk-x" }\n  }\n}\n';
    seed(broken);
    const error = await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:b"] = { type: "api_key", provider: "openai", key: "sk-b" };
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "FILE_UNPARSEABLE", path: profilesPath(), line: 4 });
    expect(readFileSync(profilesPath(), "utf8")).toBe(broken);
    expect(() => statSync(statePath())).toThrow();
  });
});

describe("updateAuthStore keeps what it does not own", () => {
  it("writes a 64-bit integer in an unknown field back byte for byte", async () => {
    const text =
      '{\n  "version": 1,\n  "profiles": {\n    "openai:a": {\n      "type": "api_key",\n      "provider": "openai",\n      "key": "sk-a-0123456789",\n      "accountNumber": 12345678901234567890\n    }\n  }\n}\n';
    seed(text);
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:b"] = { type: "api_key", provider: "openai", key: "sk-b-0123456789" };
    });
    const written = readFileSync(profilesPath(), "utf8");
    expect(written).toContain('"accountNumber": 12345678901234567890\n');
    expect(written.replace(/,\n {4}"openai:b"[\s\S]*?\n {4}}/, "")).toBe(text);
  });

  it("refuses to write a store with the same profile id twice, naming it; reading stays lenient", async () => {
    const text =
      '{"version":1,"profiles":{"openai:a":{"type":"api_key","provider":"openai","key":"sk-first-0123"},"openai:a":{"type":"api_key","provider":"openai","key":"sk-second-0123"}}}';
    seed(text);
    expect((await loadAuthStore(agentDir)).profiles).toHaveLength(1);
    const error = await updateAuthStore(agentDir, (draft) => {
      draft.order.openai = ["openai:a"];
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "FILE_DUPLICATE_KEY", key: "openai:a", path: profilesPath() });
    expect((error as Error).message).toContain('has the key "openai:a" twice in profiles');
    expect(readFileSync(profilesPath(), "utf8")).toBe(text);
    expect(() => statSync(statePath())).toThrow();
  });

  it("refuses to rewrite a store nested 10,000 levels deep instead of overflowing the stack", async () => {
    const text = `{"version":1,"profiles":{},"x":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`;
    seed(text);
    const error = await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:b"] = { type: "api_key", provider: "openai", key: "sk-b-0123456789" };
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "FILE_INVALID", path: profilesPath() });
    expect(readFileSync(profilesPath(), "utf8")).toBe(text);
  });
});

describe("a store with numbers a double cannot hold in known fields", () => {
  it("accepts writes and keeps usageStats lastUsed byte for byte", async () => {
    seed(
      '{"version":1,"profiles":{"openai:a":{"type":"api_key","provider":"openai","key":"sk-a-0123456789"}}}',
    );
    writeFileSync(statePath(), '{"version":1,"usageStats":{"openai:a":{"lastUsed":12345678901234567890}}}\n');
    await updateAuthStore(agentDir, (draft) => {
      draft.order.openai = ["openai:a"];
    });
    expect(readFileSync(statePath(), "utf8")).toContain('"lastUsed": 12345678901234567890\n');
    expect(readJson(statePath()).order).toEqual({ openai: ["openai:a"] });
  });
});

describe.runIf(process.getuid?.() === 0)("a store written by root", () => {
  it("keeps the owner of both files", async () => {
    seed('{"version":1,"profiles":{}}');
    writeFileSync(statePath(), '{"version":1}');
    for (const path of [profilesPath(), statePath()]) chownSync(path, 65534, 65534);
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:b"] = { type: "api_key", provider: "openai", key: "sk-b-0123456789" };
      draft.order.openai = ["openai:b"];
    });
    for (const path of [profilesPath(), statePath()])
      expect(statSync(path)).toMatchObject({ uid: 65534, gid: 65534, mode: expect.any(Number) });
    expect(statSync(profilesPath()).mode & 0o777).toBe(0o600);
  });
});

describe("the store's file mode", () => {
  it("is reported as read, and is 0600 after a write", async () => {
    seed(JSON.stringify({ version: 1, profiles: {} }));
    chmodSync(profilesPath(), 0o644);
    expect((await loadAuthStore(agentDir)).profilesMode).toBe(0o644);
    const { store } = await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:b"] = { type: "api_key", provider: "openai", key: "sk-b-0123456789" };
    });
    expect(store.profilesMode).toBe(0o600);
    expect((await loadAuthStore(agentDir)).profilesMode).toBe(0o600);
  });
});

describe("a symlinked store file", () => {
  it("is written at its target, and stays a link", async () => {
    const target = join(root, "dotfiles", "auth-profiles.json");
    mkdirSync(join(root, "dotfiles"));
    writeFileSync(target, JSON.stringify({ version: 1, profiles: {} }));
    mkdirSync(agentDir, { recursive: true });
    symlinkSync(target, profilesPath());
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:b"] = { type: "api_key", provider: "openai", key: "sk-b-0123456789" };
    });
    expect(lstatSync(profilesPath()).isSymbolicLink()).toBe(true);
    expect(Object.keys(readJson(target).profiles)).toEqual(["openai:b"]);
    expect(readdirSync(join(root, "dotfiles"))).toEqual(["auth-profiles.json"]);
  });
});
