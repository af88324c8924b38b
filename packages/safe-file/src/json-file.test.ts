import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SafeFileError } from "./errors.js";
import { readJsonFile, UNCHANGED, updateJsonFile } from "./json-file.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-json-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function errorOf(promise: Promise<unknown>): Promise<SafeFileError> {
  try {
    await promise;
  } catch (error) {
    if (SafeFileError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an SafeFileError");
}

describe("readJsonFile", () => {
  it("returns undefined for a missing file", async () => {
    expect(await readJsonFile(join(dir, "nope.json"))).toBeUndefined();
  });

  it("accepts comments and trailing commas", async () => {
    const path = join(dir, "c.json");
    writeFileSync(path, '// hand-written\n{ "a": [1, 2,], /* note */ "b": "x", }\n');
    expect((await readJsonFile(path))?.value).toEqual({ a: [1, 2], b: "x" });
  });

  it("reports where a file does not parse", async () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, '{\n  "a": 1\n  "b": 2\n}');
    const error = await errorOf(readJsonFile(path));
    expect(error).toMatchObject({ code: "FILE_UNPARSEABLE", path, line: 3, column: 3 });
    expect(error.message).toContain(`${path}:3:3`);
  });
});

describe("updateJsonFile", () => {
  it("creates the file 0600 in a 0700 folder and reads back what it wrote", async () => {
    const path = join(dir, "nested", "store.json");
    await updateJsonFile(path, () => ({ version: 1 }));
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ version: 1 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "nested")).mode & 0o777).toBe(0o700);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("never writes over a file that does not parse", async () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, "{ not json");
    let called = false;
    const error = await errorOf(
      updateJsonFile(path, () => {
        called = true;
        return {};
      }),
    );
    expect(error.code).toBe("FILE_UNPARSEABLE");
    expect(called).toBe(false);
    expect(readFileSync(path, "utf8")).toBe("{ not json");
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("re-applies a given mode and keeps an existing one otherwise", async () => {
    const path = join(dir, "m.json");
    writeFileSync(path, "{}");
    chmodSync(path, 0o644);
    await updateJsonFile(path, () => ({ a: 1 }));
    expect(statSync(path).mode & 0o777).toBe(0o644);
    await updateJsonFile(path, () => ({ a: 2 }), { mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("keeps the previous version as .bak when asked, and writes nothing for UNCHANGED", async () => {
    const path = join(dir, "b.json");
    writeFileSync(path, '{"v":1}');
    await updateJsonFile(path, () => ({ v: 2 }), { backup: true });
    expect(readFileSync(`${path}.bak`, "utf8")).toBe('{"v":1}');
    const result = await updateJsonFile(path, () => UNCHANGED);
    expect(result.written).toBe(false);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ v: 2 });
  });

  it("serialises concurrent updates in one process", async () => {
    const path = join(dir, "count.json");
    await Promise.all(
      Array.from({ length: 25 }, () =>
        updateJsonFile(path, (current) => ({ n: ((current?.value as { n?: number })?.n ?? 0) + 1 })),
      ),
    );
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ n: 25 });
  });

  it("writes a 64-bit integer in a field it did not touch back byte for byte", async () => {
    const path = join(dir, "config.json");
    writeFileSync(path, '{\n  "meta": {\n    "id": 12345678901234567890\n  },\n  "n": 1\n}\n');
    await updateJsonFile(path, (current) => ({ ...(current?.value as object), n: 2 }));
    expect(readFileSync(path, "utf8")).toBe(
      '{\n  "meta": {\n    "id": 12345678901234567890\n  },\n  "n": 2\n}\n',
    );
  });

  it("edits an existing file in place, its comments kept, and writes a new one as plain JSON", async () => {
    const path = join(dir, "openclaw.json");
    const text = "// mine\n{\n  a: 1, // one\n  b: 'x', /* two */\n}\n";
    writeFileSync(path, text);
    await updateJsonFile(path, (current) => ({ ...(current?.value as object), b: "y", c: [] }), {
      backup: true,
    });
    expect(readFileSync(path, "utf8")).toBe("// mine\n{\n  a: 1, // one\n  b: 'y', /* two */\n  c: [],\n}\n");
    expect(readFileSync(`${path}.bak`, "utf8")).toBe(text);
    const fresh = join(dir, "new.json");
    await updateJsonFile(fresh, () => ({ a: { b: 1 } }));
    expect(readFileSync(fresh, "utf8")).toBe('{\n  "a": {\n    "b": 1\n  }\n}\n');
  });

  it("refuses an edit whose text would not read back as the new document, and writes nothing", async () => {
    const path = join(dir, "c.json");
    writeFileSync(path, '{"a": 1}');
    const error = await errorOf(updateJsonFile(path, () => ({ a: 1, n: 10n }), { backup: true }));
    expect(error).toMatchObject({ code: "FILE_INVALID", path });
    expect(error.message).toContain(`could not edit ${path} in place`);
    expect(readFileSync(path, "utf8")).toBe('{"a": 1}');
    expect(readdirSync(dir)).toEqual(["c.json"]);
  });

  it("follows a symlink: the target is written, the link stays, and both names share one lock", async () => {
    const target = join(dir, "dotfiles", "modelctl.json");
    mkdirSync(join(dir, "dotfiles"));
    writeFileSync(target, '{"n":0}');
    const link = join(dir, "link.json");
    symlinkSync(target, link);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateJsonFile(
          i % 2 ? link : target,
          (current) => ({ n: ((current?.value as { n?: number } | undefined)?.n ?? 0) + 1 }),
          {
            backup: true,
          },
        ),
      ),
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, "utf8"))).toEqual({ n: 20 });
    expect(readdirSync(join(dir, "dotfiles")).sort()).toEqual(["modelctl.json", "modelctl.json.bak"]);
  });

  it("creates a file through a dangling symlink at the link's target", async () => {
    const target = join(dir, "dotfiles", "new.json");
    const link = join(dir, "new-link.json");
    symlinkSync(target, link);
    await updateJsonFile(link, () => ({ created: true }));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, "utf8"))).toEqual({ created: true });
  });
});

describe("readJsonFile refuses what is not a regular file of a sane size", () => {
  it("refuses a FIFO at once instead of waiting for a writer", async () => {
    const path = join(dir, "fifo.json");
    execFileSync("mkfifo", [path]);
    const error = await errorOf(readJsonFile(path));
    expect(error).toMatchObject({ code: "FILE_READ_FAILED", path });
    expect(error.message).toBe(`Cannot read ${path}: it is a FIFO (named pipe), not a regular file.`);
  });

  it("refuses a device such as /dev/zero", async () => {
    const error = await errorOf(readJsonFile("/dev/zero"));
    expect(error.code).toBe("FILE_READ_FAILED");
    expect(error.message).toContain("/dev/zero: it is a character device, not a regular file");
  });

  it("refuses a file over 16 MiB without reading it", async () => {
    const path = join(dir, "huge.json");
    writeFileSync(path, "");
    truncateSync(path, 17 * 1024 * 1024);
    const error = await errorOf(readJsonFile(path));
    expect(error.code).toBe("FILE_READ_FAILED");
    expect(error.message).toContain("larger than 16 MiB");
  });

  it("refuses a FIFO as the file of an update, and releases the lock", async () => {
    const path = join(dir, "fifo.json");
    execFileSync("mkfifo", [path]);
    const error = await errorOf(updateJsonFile(path, () => ({ v: 1 })));
    expect(error.code).toBe("FILE_READ_FAILED");
    expect(readdirSync(dir)).toEqual(["fifo.json"]);
  });
});

describe("updateJsonFile and bytes that are not UTF-8", () => {
  it("refuses to rewrite them (reads stay lenient), naming the file and writing nothing", async () => {
    const path = join(dir, "modelctl.json");
    const bytes = Buffer.from('{"agents":{},"owner":"Jos\xe9"}\n', "latin1");
    writeFileSync(path, bytes);
    expect((await readJsonFile(path))?.value).toMatchObject({ owner: "Jos\ufffd" });
    const error = await errorOf(updateJsonFile(path, (current) => ({ ...(current?.value as object), n: 1 })));
    expect(error).toMatchObject({ code: "FILE_INVALID", path });
    expect(error.message).toContain(`${path} is not valid UTF-8`);
    expect(readFileSync(path)).toEqual(bytes);
    expect(readdirSync(dir)).toEqual(["modelctl.json"]);
  });
});

describe("updateJsonFile and folders", () => {
  it("removes the folders it created when the write fails", async () => {
    const path = join(dir, "new", "deep", "store.json");
    const error = await errorOf(
      updateJsonFile(path, () => {
        throw new SafeFileError("FILE_WRITE_FAILED", "injected");
      }),
    );
    expect(error.message).toBe("injected");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("creates no folder for an update that writes nothing", async () => {
    await updateJsonFile(join(dir, "new", "store.json"), () => UNCHANGED);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("never changes the mode of a folder with the sticky bit, such as a shared 1777 one", async () => {
    const shared = join(dir, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    await updateJsonFile(join(shared, "store.json"), () => ({ v: 1 }), { mode: 0o600, dirMode: 0o700 });
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
  });

  it("makes a folder it creates exactly 0700, whatever the umask", async () => {
    const old = process.umask(0o277);
    try {
      await updateJsonFile(join(dir, "made", "store.json"), () => ({ v: 1 }));
    } finally {
      process.umask(old);
    }
    expect(statSync(join(dir, "made")).mode & 0o7777).toBe(0o700);
  });
});

describe.runIf(process.getuid?.() === 0)("a write as root", () => {
  it("keeps the owner of the file and of its .bak", async () => {
    const path = join(dir, "modelctl.json");
    writeFileSync(path, '{"v":1}\n');
    chownSync(path, 65534, 65534);
    await updateJsonFile(path, () => ({ v: 2 }), { backup: true });
    await updateJsonFile(path, () => ({ v: 3 }), { backup: true, mode: 0o600 });
    for (const name of [path, `${path}.bak`])
      expect(statSync(name)).toMatchObject({ uid: 65534, gid: 65534 });
  });
});
