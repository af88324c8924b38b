// The package README carries the repository README's CLI reference (commands, exit codes, environment, files), so
// that it stands alone on the npm page; this keeps the copy in step with the original.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../scripts/sync-readme.mjs", import.meta.url));
const README = fileURLToPath(new URL("../README.md", import.meta.url));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("scripts/sync-readme.mjs", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "modelctl-readme-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("--check passes: the package README holds the repository README's reference as it is now", () => {
    const result = run("--check");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("--check fails on a copy that differs, and changes nothing", () => {
    const file = join(dir, "README.md");
    const changed = readFileSync(README, "utf8").replace("| 77   |", "| 99   |");
    writeFileSync(file, changed);
    const result = run("--check", "--file", file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("pnpm --filter @modelctl/cli readme");
    expect(readFileSync(file, "utf8")).toBe(changed);
  });
});

describe("the package README", () => {
  const readme = readFileSync(README, "utf8");

  it("has the reference sections a user of the bin looks for", () => {
    for (const heading of ["## Commands", "## Exit codes", "## Environment", "## Files"]) {
      expect(readme.split("\n")).toContain(heading);
    }
  });

  it("sends nobody to a file that is not in the tarball: every link is absolute or an anchor", () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !/^(https:\/\/|#)/.test(link))).toEqual([]);
    expect(readme).not.toContain("root README");
  });
});
