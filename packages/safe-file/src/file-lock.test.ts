import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SafeFileError } from "./errors.js";
import { withFileLock } from "./file-lock.js";

let dir: string;
let target: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-lock-"));
  target = join(dir, "store.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Our pid namespace, as a holder on Linux records it. */
const PID_NS = (() => {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return undefined;
  }
})();
// A pid far above any pid_max in use: no such process.
const DEAD_PID = 2 ** 22 + 12345;
/** When this host booted, from /proc/stat (Linux). */
const bootedAt = () => Number(/^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1]) * 1000;

const record = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, host, pidNs: PID_NS, token: "t", createdAt: Date.now() });

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

  it("takes over at once a lock whose holder on this host and in this pid namespace is dead", async () => {
    writeFileSync(`${target}.lock`, record(DEAD_PID));
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50 })).toBe("ran");
  });

  it("judges by age, not by pid, a lock whose holder is in another pid namespace (a container)", async () => {
    // Its pid means nothing here: that it is not running here does not make it dead.
    writeFileSync(
      `${target}.lock`,
      JSON.stringify({ pid: DEAD_PID, host: hostname(), pidNs: "pid:[1]", createdAt: Date.now() }),
    );
    const error = await withFileLock(target, async () => "ran", { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCK_BUSY", holderPid: DEAD_PID });
    expect((error as Error).message).toContain(`locked by process ${DEAD_PID} in another pid namespace`);
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50, staleMs: 0 })).toBe("ran");
  });

  it("judges by age a lock in the older format, which does not say its pid namespace", async () => {
    writeFileSync(
      `${target}.lock`,
      JSON.stringify({ pid: DEAD_PID, host: hostname(), token: "t", createdAt: Date.now() }),
    );
    await expect(withFileLock(target, async () => "ran", { timeoutMs: 50 })).rejects.toMatchObject({
      code: "LOCK_BUSY",
    });
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50, staleMs: 0 })).toBe("ran");
  });

  it("takes over at once a lock in the older format taken before this host booted, its pid alive or not", async () => {
    // No start time to tell a reused pid: a record from before the boot is of a process that is gone.
    const before = bootedAt() - 60_000;
    writeFileSync(
      `${target}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), token: "t", createdAt: before }),
    );
    // However long this host has been up: not taken for being older than maxAgeMs.
    const maxAgeMs = 100 * 365 * 86_400_000;
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50, maxAgeMs })).toBe("ran");
  });

  it("takes over at once a lock dated far in the future (the clock was set back) whose holder cannot be checked", async () => {
    writeFileSync(`${target}.lock`, "");
    const ahead = (Date.now() + 86_400_000) / 1000;
    utimesSync(`${target}.lock`, ahead, ahead);
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50 })).toBe("ran");
  });

  it("waits for a lock dated a few seconds ahead: clocks of hosts sharing a folder differ that much", async () => {
    writeFileSync(`${target}.lock`, "");
    const ahead = (Date.now() + 5_000) / 1000;
    utimesSync(`${target}.lock`, ahead, ahead);
    const error = await withFileLock(target, async () => "ran", { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCK_BUSY" });
    expect((error as Error).message).toMatch(/locked by another process, dated [45] s ahead of this clock/);
  });

  it("names the process taking over a stale lock when that blocks, not the lock's dead holder", async () => {
    const old = Date.now() - 3 * 86_400_000;
    writeFileSync(`${target}.lock`, JSON.stringify({ pid: DEAD_PID, host: "elsewhere", createdAt: old }));
    utimesSync(`${target}.lock`, old / 1000, old / 1000);
    // A live breaker (this process) holds the break mutex.
    mkdirSync(`${target}.lock.break`);
    writeFileSync(`${target}.lock.break/holder-x`, record(process.pid));
    const error = await withFileLock(target, async () => "ran", { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCK_BUSY", holderPid: process.pid });
    expect((error as Error).message).toContain(
      `process ${process.pid} is taking over its stale lock (${target}.lock.break)`,
    );
    expect((error as Error).message).not.toContain(String(DEAD_PID));
    rmSync(`${target}.lock.break`, { recursive: true });
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 50 })).toBe("ran");
  });

  it("removes lock temp files left by dead waiters in this pid namespace, and no others", async () => {
    const tempOf = (pid: number) => `${target}.lock.${pid.toString(36)}-lzz-abc.tmp`;
    writeFileSync(tempOf(DEAD_PID), record(DEAD_PID));
    // The same pid, another namespace: maybe alive there.
    writeFileSync(
      tempOf(DEAD_PID + 1),
      JSON.stringify({ pid: DEAD_PID + 1, host: hostname(), pidNs: "pid:[1]", createdAt: Date.now() }),
    );
    // A waiter that is alive (this process, as seen from here).
    const live = `${target}.lock.${process.ppid.toString(36)}-lzz-abc.tmp`;
    writeFileSync(live, record(process.ppid));
    // A break-mutex claim folder, left by a breaker that died before placing it.
    const staging = `${target}.lock.break.${DEAD_PID.toString(36)}-lzz-abc.tmp`;
    mkdirSync(staging);
    writeFileSync(join(staging, "holder-x"), record(DEAD_PID));
    expect(await withFileLock(target, async () => "ran")).toBe("ran");
    expect(readdirSync(dir).sort()).toEqual([basename(tempOf(DEAD_PID + 1)), basename(live)].sort());
  });

  it("fails with LOCK_BUSY and the holder's pid when a live process holds it", async () => {
    const held = record(process.pid);
    writeFileSync(`${target}.lock`, held);
    try {
      await withFileLock(target, async () => "ran", { timeoutMs: 100 });
      expect.unreachable();
    } catch (error) {
      expect(SafeFileError.isInstance(error) && error.code).toBe("LOCK_BUSY");
      expect((error as SafeFileError).holderPid).toBe(process.pid);
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
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        pidNs: PID_NS,
        start: "another-boot:42",
        createdAt: Date.now(),
      }),
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
      JSON.stringify({ pid: process.pid, host: hostname(), pidNs: PID_NS, createdAt: Date.now() - 90_000 }),
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
