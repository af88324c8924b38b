import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The built package, as a program that installs it gets it, and the generator as a maintainer runs it.
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const GENERATOR = fileURLToPath(new URL("../scripts/generate-catalog.mjs", import.meta.url));
const DATA = fileURLToPath(new URL("../src/catalog-data.ts", import.meta.url));
// Text only the data module holds: its variable and the source package it names.
const DATA_MARKS = ["CATALOG_MODELS_JSON", "@earendil-works/pi-ai"];

/** The files an entry of dist/ loads, itself included, following its relative imports (static and dynamic). */
function loadedFiles(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, spec = ""] of text.matchAll(/(?:\bfrom|\bimport\(?)\s*["']([^"']+)["']/g)) {
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(join(DIST, entry));
  return { files: [...files], packages: [...packages].sort() };
}

const holdsData = (file: string) => DATA_MARKS.some((mark) => readFileSync(file, "utf8").includes(mark));

describe("the built entries", () => {
  it("keep the catalog's data out of the main entry and everything it loads", () => {
    const { files } = loadedFiles("index.js");
    expect(files.length).toBeGreaterThan(1);
    expect(files.filter(holdsData)).toEqual([]);
  });

  it("put the data behind the catalog entry, which loads leven and no zod", () => {
    const { files, packages } = loadedFiles("catalog.js");
    expect(files.filter(holdsData)).not.toEqual([]);
    expect(packages).toEqual(["leven"]);
  });

  it("keep the data out of the errors entry too", () => {
    expect(loadedFiles("errors.js").files.filter(holdsData)).toEqual([]);
  });
});

describe("scripts/generate-catalog.mjs", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "modelctl-catalog-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [GENERATOR, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });

  it("--check passes on the committed data: it is what the generator writes from the installed source", () => {
    const result = run("--check");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/is up to date: \d+ models, \d+ providers from @earendil-works\/pi-ai@/);
  });

  it("--check fails on data that differs, and changes nothing", () => {
    const file = join(dir, "catalog-data.ts");
    const changed = readFileSync(DATA, "utf8").replace(/"contextWindow":\d+/, '"contextWindow":1');
    writeFileSync(file, changed);
    const result = run("--check", "--file", file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("differs from what the generator writes");
    expect(readFileSync(file, "utf8")).toBe(changed);
  });

  it("writes the committed data back over a changed copy, keeping its generation day", () => {
    const file = join(dir, "catalog-data.ts");
    copyFileSync(DATA, file);
    writeFileSync(file, readFileSync(file, "utf8").replace(/"maxOutputTokens":\d+/, '"maxOutputTokens":7'));
    const result = run("--file", file);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Wrote /);
    const written = readFileSync(file, "utf8");
    const day = (text: string) => /"generatedAt": "([^"]+)"/.exec(text)?.[1];
    // Everything but the day is what is committed; the day is today's, since the content changed.
    expect(written.replace(/"generatedAt": "[^"]+"/, "")).toBe(
      readFileSync(DATA, "utf8").replace(/"generatedAt": "[^"]+"/, ""),
    );
    expect(day(written)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(run("--check", "--file", file).status).toBe(0);
  });
});
