import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthStoreError } from "./errors.js";
import { withFileLock } from "./file-lock.js";

let dir: string;
let target: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-lock-"));
  target = join(dir, "store.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, host, token: "t", createdAt: Date.now() });

describe("withFileLock", () => {
  it("records the holder while held and removes the lock afterwards", async () => {
    await withFileLock(target, async () => {
      expect(JSON.parse(readFileSync(`${target}.lock`, "utf8"))).toMatchObject({
        pid: process.pid,
        host: hostname(),
      });
    });
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it("releases the lock when the callback throws", async () => {
    await expect(withFileLock(target, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it("takes over at once a lock whose holder on this host is dead", async () => {
    // A pid far above any pid_max in use: no such process.
    writeFileSync(`${target}.lock`, record(2 ** 22 + 12345));
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50 })).toBe("ran");
  });

  it("fails with LOCK_BUSY and the holder's pid when a live process holds it", async () => {
    const held = record(process.pid);
    writeFileSync(`${target}.lock`, held);
    try {
      await withFileLock(target, async () => "ran", { timeoutMs: 100 });
      expect.unreachable();
    } catch (error) {
      expect(AuthStoreError.isInstance(error) && error.code).toBe("LOCK_BUSY");
      expect((error as AuthStoreError).holderPid).toBe(process.pid);
      expect((error as Error).message).toContain(`locked by process ${process.pid}`);
    }
    expect(readFileSync(`${target}.lock`, "utf8")).toBe(held);
  });

  it("treats a lock from another host as stale only after staleMs", async () => {
    writeFileSync(`${target}.lock`, record(1, "some-other-host"));
    await expect(
      withFileLock(target, async () => "ran", { timeoutMs: 50, staleMs: 60_000 }),
    ).rejects.toMatchObject({
      code: "LOCK_BUSY",
    });
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50, staleMs: 0 })).toBe("ran");
  });
});
