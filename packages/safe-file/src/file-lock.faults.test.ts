// The lock on file systems and disks that fail: no hard links, a failing close, an input/output error.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withFileLock } from "./file-lock.js";

/** Which calls fail, and with what errno; each fault is used up once it has fired `times` times. */
const faults = vi.hoisted(() => ({
  link: undefined as { code: string; times: number } | undefined,
  /** close() of a file whose path ends with `suffix` fails after really closing it. */
  close: undefined as { code: string; suffix: string } | undefined,
  write: undefined as { code: string; suffix: string } | undefined,
}));

vi.mock("./fs-async.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("./fs-async.js")>();
  const paths = new Map<number, string>();
  const fail = (code: string, call: string) =>
    Promise.reject(Object.assign(new Error(`${code}: injected, ${call}`), { code, syscall: call }));
  return {
    ...real,
    open: async (path: string, ...rest: unknown[]) => {
      const fd = await (real.open as (...args: unknown[]) => Promise<number>)(path, ...rest);
      paths.set(fd, String(path));
      return fd;
    },
    close: async (fd: number) => {
      const path = paths.get(fd) ?? "";
      paths.delete(fd);
      await real.close(fd);
      const fault = faults.close;
      if (fault && path.endsWith(fault.suffix)) {
        faults.close = undefined;
        return fail(fault.code, "close");
      }
    },
    writeSome: (fd: number, buffer: Buffer, offset: number, length: number) => {
      const fault = faults.write;
      if (fault && (paths.get(fd) ?? "").endsWith(fault.suffix)) return fail(fault.code, "write");
      return real.writeSome(fd, buffer, offset, length);
    },
    link: (from: string, to: string) => {
      const fault = faults.link;
      if (fault && fault.times-- > 0) return fail(fault.code, "link");
      return real.link(from, to);
    },
  };
});

let dir: string;
let target: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-lock-faults-"));
  target = join(dir, "store.json");
});
afterEach(() => {
  faults.link = faults.close = faults.write = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("withFileLock where hard links are not supported (vfat, some FUSE)", () => {
  it.each(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"])(
    "creates the lock exclusively with its record when link fails with %s",
    async (code) => {
      faults.link = { code, times: Number.POSITIVE_INFINITY };
      const ran = await withFileLock(target, async () => {
        expect(JSON.parse(readFileSync(`${target}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
        // Still exclusive: a second taker waits for this one.
        await expect(withFileLock(target, async () => "ran", { timeoutMs: 30 })).rejects.toMatchObject({
          code: "LOCK_BUSY",
          holderPid: process.pid,
        });
        return "ran";
      });
      expect(ran).toBe("ran");
      expect(readdirSync(dir)).toEqual([]);
    },
  );
});

describe("withFileLock on a failing disk", () => {
  it("removes its temp file when closing it fails", async () => {
    faults.close = { code: "EIO", suffix: ".tmp" };
    await expect(withFileLock(target, async () => "ran")).rejects.toMatchObject({ path: `${target}.lock` });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("reports an input/output error while creating the lock in one clear line, as a write does", async () => {
    faults.write = { code: "EIO", suffix: ".tmp" };
    const error = await withFileLock(target, async () => "ran").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FILE_WRITE_FAILED", path: `${target}.lock` });
    expect((error as Error).message).toBe(
      `Cannot create the lock file ${target}.lock: the disk reported an input/output error (EIO). Nothing was changed; check that the disk is not full or failing and run the command again.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
