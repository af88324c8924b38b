import {
  chmodSync,
  existsSync,
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
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthStoreError } from "./errors.js";
import { readJsonFile, UNCHANGED, updateJsonFile } from "./json-file.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-json-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function errorOf(promise: Promise<unknown>): Promise<AuthStoreError> {
  try {
    await promise;
  } catch (error) {
    if (AuthStoreError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an AuthStoreError");
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
