// THIRD_PARTY_NOTICES.md names every third-party package the built bin bundles, and is what the generator writes
// for the current build, so that a new or upgraded bundled dependency fails here until the notices are regenerated.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const GENERATOR = fileURLToPath(new URL("../scripts/third-party-notices.mjs", import.meta.url));
const NOTICES = fileURLToPath(new URL("../THIRD_PARTY_NOTICES.md", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../dist/cli.cjs", import.meta.url));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [GENERATOR, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("scripts/third-party-notices.mjs", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "modelctl-notices-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("--check passes on the committed notices: they are what the generator writes for the built bin", () => {
    const result = run("--check");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/THIRD_PARTY_NOTICES\.md is up to date: \d+ packages/);
  });

  it("--check fails on notices that differ (a package missing), and changes nothing", () => {
    const file = join(dir, "THIRD_PARTY_NOTICES.md");
    const changed = readFileSync(NOTICES, "utf8").replace(/\n## json5 [\s\S]*?(?=\n## )/, "");
    writeFileSync(file, changed);
    const result = run("--check", "--file", file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("differs from what the generator writes");
    expect(result.stderr).toContain("pnpm --filter @modelctl/cli notices");
    expect(readFileSync(file, "utf8")).toBe(changed);
  });
});

describe("THIRD_PARTY_NOTICES.md", () => {
  const notices = readFileSync(NOTICES, "utf8");
  const bundle = readFileSync(BUNDLE, "utf8");

  it("lists the libraries the bin inlines, each with its license text", () => {
    for (const name of ["cac", "zod", "json5"]) {
      expect(notices).toMatch(new RegExp(`^## ${name} \\d+\\.\\d+\\.\\d+\\n\\nLicense: MIT`, "m"));
    }
    expect(notices.match(/Permission is hereby granted/g)?.length).toBe(notices.match(/^## /gm)?.length);
  });

  it("leaves out what the bin loads from node_modules, and our own packages", () => {
    // The externals of tsup.config.ts stay imports in the bundle; their code and dependencies are not in it.
    expect(/import\(["']@modelctl\/probe["']\)/.test(bundle)).toBe(true);
    for (const name of ["ky", "p-queue", "eventsource-parser", "@clack/prompts", "@modelctl/"]) {
      expect(notices).not.toContain(`## ${name}`);
    }
  });
});
