import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bigDoc, contents, injectRenames, injectWrites } from "../test/fs-faults.js";
import { SafeFileError } from "./errors.js";
import { updateJsonFile } from "./json-file.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-atomic-"));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
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
    expect(SafeFileError.isInstance(error) && error.code).toBe("DISK_FULL");
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
    expect(SafeFileError.isInstance(error) && error.code).toBe("FILE_WRITE_FAILED");
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
});

describe("a commit of several renames", () => {
  it("puts the .bak back when renaming the file itself fails", async () => {
    const path = join(dir, "modelctl.json");
    writeFileSync(path, '{"v":1}\n');
    writeFileSync(`${path}.bak`, '{"v":0}\n');
    const before = contents(dir);
    injectRenames((_, to) => (to === path ? "EPERM" : undefined));
    const error = await updateJsonFile(path, () => ({ v: 2 }), { backup: true }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(SafeFileError.isInstance(error) && error.code).toBe("FILE_WRITE_FAILED");
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
});

describe("temp files a killed writer left", () => {
  it("are removed by the next write of that file, and nothing else is", async () => {
    const config = join(dir, "modelctl.json");
    writeFileSync(config, "{}\n");
    const left = ["modelctl.json.bak.9zz-m0abc13-q1w2e3r4.tmp"];
    const others = [
      "auth-profiles.json.1f2e-m0abc12-k3j4h5g6.tmp",
      "auth-profiles.json.notes.tmp",
      "auth-profiles.json.lock.1f2e-m0abc12-k3j4h5g6.tmp",
    ];
    for (const name of [...left, ...others]) writeFileSync(join(dir, name), '{"key":"sk-secret"}');
    await updateJsonFile(config, () => ({ v: 1 }), { backup: true });
    expect(readdirSync(dir).sort()).toEqual([...others, "modelctl.json", "modelctl.json.bak"].sort());
  });
});
