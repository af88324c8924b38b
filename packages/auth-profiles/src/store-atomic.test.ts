// The store's two files under disk faults: both written, or neither.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SafeFileError } from "@modelctl/safe-file";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bigDoc, contents, injectRenames, injectWrites } from "../../safe-file/test/fs-faults.js";
import { updateAuthStore } from "./store.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-atomic-"));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe("atomic writes", () => {
  it("writes neither auth file when the disk fills while writing the second", async () => {
    const profiles = join(dir, "auth-profiles.json");
    const state = join(dir, "auth-state.json");
    writeFileSync(profiles, `${JSON.stringify(bigDoc(150), null, 2)}\n`);
    writeFileSync(state, '{"version":1}\n');
    const before = readdirSync(dir).sort();
    // Small writes (lock records, the state file) go through; the big credentials file finds the disk full.
    injectWrites((_, length) => (length < 1000 ? length : "ENOSPC"));
    const error = await updateAuthStore(dir, (draft) => {
      draft.profiles["openai:new"] = { type: "api_key", provider: "openai", key: "sk-new" };
      draft.order.openai = ["openai:new"];
    }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(SafeFileError.isInstance(error) && error.code).toBe("DISK_FULL");
    expect(readFileSync(state, "utf8")).toBe('{"version":1}\n');
    expect(JSON.parse(readFileSync(profiles, "utf8"))).toEqual(bigDoc(150));
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe("a commit of several renames", () => {
  it("puts auth-state.json back when renaming auth-profiles.json fails", async () => {
    const profiles = join(dir, "auth-profiles.json");
    writeFileSync(profiles, `${JSON.stringify(bigDoc(2), null, 2)}\n`);
    writeFileSync(join(dir, "auth-state.json"), '{"version":1,"order":{"openai":["openai:p1"]}}\n');
    const before = contents(dir);
    injectRenames((_, to) => (to === profiles ? "EPERM" : undefined));
    const error = await updateAuthStore(dir, (draft) => {
      delete draft.profiles["openai:p1"];
      draft.order = Object.create(null);
    }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(SafeFileError.isInstance(error) && error.path).toBe(profiles);
    expect((error as Error).message).toContain("Nothing was changed.");
    expect(contents(dir)).toEqual(before);
  });

  it("says which file it could not put back, and keeps its previous version", async () => {
    const profiles = join(dir, "auth-profiles.json");
    const state = join(dir, "auth-state.json");
    writeFileSync(profiles, `${JSON.stringify(bigDoc(2), null, 2)}\n`);
    writeFileSync(state, '{"version":1}\n');
    // The credentials cannot be renamed, and the state cannot be renamed back.
    let stateRenames = 0;
    injectRenames((_, to) =>
      to === profiles ? "EIO" : to === state && ++stateRenames > 1 ? "EIO" : undefined,
    );
    const error = await updateAuthStore(dir, (draft) => {
      draft.order.openai = ["openai:p1"];
    }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    const message = (error as Error).message;
    expect(message).toMatch(
      /^Cannot write .*auth-profiles\.json: EIO: injected.*Some files could not be put back/,
    );
    const kept = /its previous one is (\S+)\)/.exec(message)?.[1];
    expect(kept).toBeDefined();
    expect(readFileSync(kept as string, "utf8")).toBe('{"version":1}\n');
    expect(message).not.toContain("Nothing was changed");
  });
});

describe("temp files a killed writer left", () => {
  it("are removed by the next write of that file, and nothing else is", async () => {
    const profiles = join(dir, "auth-profiles.json");
    const config = join(dir, "modelctl.json");
    writeFileSync(profiles, '{"version":1,"profiles":{}}\n');
    writeFileSync(config, "{}\n");
    const left = [
      "auth-profiles.json.1f2e-m0abc12-k3j4h5g6.tmp",
      "auth-state.json.1f2e-m0abc12-a1b2c3d4.tmp",
    ];
    const others = [
      "modelctl.json.bak.9zz-m0abc13-q1w2e3r4.tmp",
      "auth-profiles.json.notes.tmp",
      "auth-profiles.json.lock.1f2e-m0abc12-k3j4h5g6.tmp",
    ];
    for (const name of [...left, ...others]) writeFileSync(join(dir, name), '{"key":"sk-secret"}');
    await updateAuthStore(dir, (draft) => {
      draft.order.openai = ["openai:p1"];
    });
    expect(readdirSync(dir).sort()).toEqual(
      [...others, "auth-profiles.json", "auth-state.json", "modelctl.json"].sort(),
    );
  });
});

describe("folders and a write that fails", () => {
  it("leaves no folder it created, and the mode of an existing one, when the disk is full", async () => {
    const shared = join(dir, "agents");
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    const agentDir = join(shared, "new", "deep", "agent");
    injectWrites((_, length) => (length < 1000 ? length : "ENOSPC"));
    const error = await updateAuthStore(agentDir, (draft) => {
      Object.assign(draft.profiles, bigDoc(150).profiles);
    }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(SafeFileError.isInstance(error) && error.code).toBe("DISK_FULL");
    expect(readdirSync(shared)).toEqual([]);
    expect(statSync(shared).mode & 0o7777).toBe(0o755);
  });

  it("does not tighten the agent folder when the write fails", async () => {
    const agentDir = join(dir, "agent");
    mkdirSync(agentDir);
    chmodSync(agentDir, 0o755);
    writeFileSync(join(agentDir, "auth-profiles.json"), '{"version":1,"profiles":{}}\n');
    injectWrites((_, length) => (length < 1000 ? length : "ENOSPC"));
    await updateAuthStore(agentDir, (draft) => {
      Object.assign(draft.profiles, bigDoc(150).profiles);
    }).catch(() => undefined);
    vi.restoreAllMocks();
    expect(statSync(agentDir).mode & 0o7777).toBe(0o755);
  });
});
