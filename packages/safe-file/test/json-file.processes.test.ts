import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// Child processes run the built package, as another program using it would.
const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-procs-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writer(path: string, name: string, updates: number): Promise<number | null> {
  const script = `
    const { updateJsonFile } = await import(${JSON.stringify(DIST)});
    for (let i = 0; i < ${updates}; i++) {
      await updateJsonFile(${JSON.stringify(path)}, (current) => {
        const doc = current?.value ?? { entries: [] };
        return { entries: [...doc.entries, ${JSON.stringify(name)} + ":" + i] };
      }, { timeoutMs: 60000 });
    }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("exit", resolve);
  });
}

describe("updateJsonFile across processes", () => {
  it("loses no update when 8 processes each make 25 read-modify-writes at once", async () => {
    const path = join(dir, "shared.json");
    const names = Array.from({ length: 8 }, (_, i) => `w${i}`);
    const codes = await Promise.all(names.map((name) => writer(path, name, 25)));
    expect(codes).toEqual(names.map(() => 0));
    const entries: string[] = JSON.parse(readFileSync(path, "utf8")).entries;
    expect(entries).toHaveLength(8 * 25);
    expect(new Set(entries).size).toBe(8 * 25);
  });
});
