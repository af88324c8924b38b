import fs, { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
