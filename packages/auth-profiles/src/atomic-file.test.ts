import fs, {
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
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthStoreError } from "./errors.js";
import { updateJsonFile } from "./json-file.js";
import { updateAuthStore } from "./store.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-atomic-"));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

type WriteCallback = (error: NodeJS.ErrnoException | null, written: number, data: unknown) => void;
const realWrite = fs.write as (...args: unknown[]) => void;

/**
 * Replaces fs.write (both of its forms: a buffer slice, or a string) so that each call writes only what
 * `decide(call, length)` allows, or fails with the errno it returns: a nearly full disk, as the kernel does it.
 */
function injectWrites(decide: (call: number, length: number) => number | string): () => number {
  let call = 0;
  vi.spyOn(fs, "write").mockImplementation(((...args: unknown[]) => {
    const callback = args.at(-1) as WriteCallback;
    const [fd, data] = args as [number, Buffer | string];
    const buffer = typeof data === "string" ? Buffer.from(data) : data;
    const offset = typeof data === "string" ? 0 : ((args[2] as number | undefined) ?? 0);
    const length =
      typeof data === "string" ? buffer.length : ((args[3] as number | undefined) ?? buffer.length);
    const verdict = decide(call++, length);
    if (typeof verdict === "string") {
      const error = Object.assign(new Error(`${verdict}: injected`), { code: verdict });
      process.nextTick(() => callback(error, 0, data));
      return;
    }
    realWrite(
      fd,
      buffer,
      offset,
      Math.min(length, verdict),
      null,
      (error: NodeJS.ErrnoException | null, n: number) => callback(error, n, data),
    );
  }) as typeof fs.write);
  return () => call;
}

const bigDoc = (n: number) => ({
  profiles: Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `openai:p${i}`,
      { type: "api_key", provider: "openai", key: `sk-${i}` },
    ]),
  ),
});

describe("atomic writes", () => {
  it("writes every byte even when each write(2) takes only 100 of them", async () => {
    const path = join(dir, "store.json");
    const calls = injectWrites(() => 100);
    await updateJsonFile(path, () => bigDoc(150));
    vi.restoreAllMocks();
    const text = readFileSync(path, "utf8");
    expect(text.length).toBeGreaterThan(4096);
    expect(calls()).toBeGreaterThan(text.length / 100);
    expect(JSON.parse(text)).toEqual(bigDoc(150));
  });

  it("leaves the file, its .bak and the lock as they were when the disk fills part-way (ENOSPC)", async () => {
    const path = join(dir, "modelctl.json");
    writeFileSync(path, '{"v":1}\n');
    writeFileSync(`${path}.bak`, '{"v":0}\n');
    const before = readdirSync(dir).sort();
    // The lock record (a small write) and the first 4 KiB of the file go through, then the disk is full.
    let room = 4096;
    injectWrites((_, length) => {
      if (length < 1000) return length;
      const allowed = room;
      room = 0;
      return allowed > 0 ? allowed : "ENOSPC";
    });
    const error = await updateJsonFile(path, () => bigDoc(150), { backup: true }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(AuthStoreError.isInstance(error) && error.code).toBe("DISK_FULL");
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Cannot write ${path.replace(/[.]/g, "\\.")}: the disk is full \\(ENOSPC\\)\\. Nothing was changed`,
      ),
    );
    expect(readFileSync(path, "utf8")).toBe('{"v":1}\n');
    expect(readFileSync(`${path}.bak`, "utf8")).toBe('{"v":0}\n');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("fails instead of looping when write(2) makes no progress", async () => {
    const path = join(dir, "store.json");
    writeFileSync(path, "{}\n");
    let first = true;
    injectWrites((_, length) => {
      if (length < 300) return length;
      const allowed = first ? 10 : 0;
      first = false;
      return allowed;
    });
    const error = await updateJsonFile(path, () => bigDoc(5)).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(AuthStoreError.isInstance(error) && error.code).toBe("FILE_WRITE_FAILED");
    expect(readFileSync(path, "utf8")).toBe("{}\n");
    expect(readdirSync(dir)).toEqual(["store.json"]);
  });

  it("makes the .bak a complete copy of the previous version", async () => {
    const path = join(dir, "modelctl.json");
    const previous = `${JSON.stringify(bigDoc(100), null, 2)}\n`;
    writeFileSync(path, previous);
    injectWrites(() => 512);
    await updateJsonFile(path, () => ({ v: 2 }), { backup: true });
    vi.restoreAllMocks();
    expect(readFileSync(`${path}.bak`, "utf8")).toBe(previous);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ v: 2 });
    expect(readdirSync(dir).sort()).toEqual(["modelctl.json", "modelctl.json.bak"]);
  });

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
    expect(AuthStoreError.isInstance(error) && error.code).toBe("DISK_FULL");
    expect(readFileSync(state, "utf8")).toBe('{"version":1}\n');
    expect(JSON.parse(readFileSync(profiles, "utf8"))).toEqual(bigDoc(150));
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

type RenameCallback = (error: NodeJS.ErrnoException | null) => void;
const realRename = fs.rename as (from: string, to: string, callback: RenameCallback) => void;

/**
 * Replaces fs.rename so that `decide(from, to)` can fail a rename with an errno (an immutable file, EIO): the
 * failures `chattr +i` or a failing disk cause, on any file system.
 */
function injectRenames(decide: (from: string, to: string) => string | undefined): void {
  vi.spyOn(fs, "rename").mockImplementation(((from: string, to: string, callback: RenameCallback) => {
    const code = decide(String(from), String(to));
    if (code !== undefined) {
      const error = Object.assign(new Error(`${code}: injected, rename '${from}' -> '${to}'`), { code });
      process.nextTick(() => callback(error));
      return;
    }
    realRename(from, to, callback);
  }) as typeof fs.rename);
}

/** Every file in `dir` with its bytes. */
const contents = (at: string) =>
  Object.fromEntries(readdirSync(at).map((name) => [name, readFileSync(join(at, name), "utf8")]));

describe("a commit of several renames", () => {
  it("puts the .bak back when renaming the file itself fails", async () => {
    const path = join(dir, "modelctl.json");
    writeFileSync(path, '{"v":1}\n');
    writeFileSync(`${path}.bak`, '{"v":0}\n');
    const before = contents(dir);
    injectRenames((_, to) => (to === path ? "EPERM" : undefined));
    const error = await updateJsonFile(path, () => ({ v: 2 }), { backup: true }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(AuthStoreError.isInstance(error) && error.code).toBe("FILE_WRITE_FAILED");
    expect((error as Error).message).toMatch(
      /^Cannot write .*modelctl\.json: EPERM: .*\. Nothing was changed\.$/,
    );
    expect(contents(dir)).toEqual(before);
  });

  it("removes a .bak it created when renaming the file fails (EIO)", async () => {
    const path = join(dir, "modelctl.json");
    writeFileSync(path, '{"v":1}\n');
    injectRenames((_, to) => (to === path ? "EIO" : undefined));
    const error = await updateJsonFile(path, () => ({ v: 2 }), { backup: true }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect((error as Error).message).toContain("input/output error (EIO). Nothing was changed");
    expect(contents(dir)).toEqual({ "modelctl.json": '{"v":1}\n' });
  });

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
    expect(AuthStoreError.isInstance(error) && error.path).toBe(profiles);
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
      "modelctl.json.bak.9zz-m0abc13-q1w2e3r4.tmp",
    ];
    const others = ["auth-profiles.json.notes.tmp", "auth-profiles.json.lock.1f2e-m0abc12-k3j4h5g6.tmp"];
    for (const name of [...left, ...others]) writeFileSync(join(dir, name), '{"key":"sk-secret"}');
    await updateAuthStore(dir, (draft) => {
      draft.order.openai = ["openai:p1"];
    });
    await updateJsonFile(config, () => ({ v: 1 }), { backup: true });
    expect(readdirSync(dir).sort()).toEqual(
      [...others, "auth-profiles.json", "auth-state.json", "modelctl.json", "modelctl.json.bak"].sort(),
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
    expect(AuthStoreError.isInstance(error) && error.code).toBe("DISK_FULL");
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
