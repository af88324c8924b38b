import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
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

  it("takes over a lock whose pid is alive but belongs to a process started at another time", async () => {
    // Our own pid, recorded with another start: a crashed holder whose pid was reused (by us, in a container).
    writeFileSync(
      `${target}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), start: "another-boot:42", createdAt: Date.now() }),
    );
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50 })).toBe("ran");
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it("takes over a 3-day-old lock even when its pid looks alive", async () => {
    const old = Date.now() - 3 * 86_400_000;
    writeFileSync(`${target}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), createdAt: old }));
    utimesSync(`${target}.lock`, old / 1000, old / 1000);
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50 })).toBe("ran");
  });

  it("says in LOCK_BUSY how long the lock has been held", async () => {
    writeFileSync(
      `${target}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now() - 90_000 }),
    );
    const error = await withFileLock(target, async () => "ran", { timeoutMs: 20 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(`locked by process ${process.pid}, held for 9\\d s \\(lock file .*store\\.json\\.lock\\)`),
    );
  });

  it("fails with LOCK_FAILED naming the lock path when it is a directory or a FIFO, at once", async () => {
    mkdirSync(`${target}.lock`);
    const error = await withFileLock(target, async () => "ran", { timeoutMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "LOCK_FAILED", path: `${target}.lock` });
    expect((error as Error).message).toContain(`${target}.lock is a directory, not a lock file`);
    rmSync(`${target}.lock`, { recursive: true });
    execFileSync("mkfifo", [`${target}.lock`]);
    await expect(withFileLock(target, async () => "ran", { timeoutMs: 60_000 })).rejects.toMatchObject({
      code: "LOCK_FAILED",
    });
  });

  it("is one lock for a file and a symlink to it", async () => {
    writeFileSync(target, "{}");
    const link = join(dir, "link.json");
    symlinkSync(target, link);
    await withFileLock(link, async () => {
      expect(existsSync(`${target}.lock`)).toBe(true);
      await expect(withFileLock(target, async () => "ran", { timeoutMs: 30 })).rejects.toMatchObject({
        code: "LOCK_BUSY",
      });
    });
    expect(readdirSync(dir).sort()).toEqual(["link.json", "store.json"]);
  });

  describe("held by another live process", () => {
    let holder: ChildProcess | undefined;
    afterEach(() => holder?.kill("SIGKILL"));

    it("is busy: its recorded start time matches", async () => {
      const dist = new URL("../dist/index.js", import.meta.url).href;
      holder = spawn(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `const { withFileLock } = await import(${JSON.stringify(dist)});
           await withFileLock(${JSON.stringify(target)}, () => { console.log("held"); return new Promise(() => setInterval(() => {}, 1000)); });`,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      await new Promise<void>((resolve) => holder?.stdout?.once("data", () => resolve()));
      const record = JSON.parse(readFileSync(`${target}.lock`, "utf8"));
      if (process.platform === "linux") expect(record.start).toMatch(/^[\w-]+:\d+$/);
      await expect(withFileLock(target, async () => "ran", { timeoutMs: 100 })).rejects.toMatchObject({
        code: "LOCK_BUSY",
        holderPid: holder.pid,
      });
    });
  });
});
