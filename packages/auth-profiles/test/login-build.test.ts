import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The built package, as a program that installs it gets it.
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

/** The files and packages an entry of dist/ loads, following its relative imports (static and dynamic). */
function loaded(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, spec = ""] of readFileSync(file, "utf8").matchAll(
      /(?:\bfrom|\bimport\(?)\s*["']([^"']+)["']/g,
    )) {
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(join(DIST, entry));
  return { files: [...files], packages: [...packages].sort() };
}

// Text only the sign-in code holds.
const LOGIN_MARKS = ["copilot_internal", "code_challenge"];
const holdsLogin = (file: string) => LOGIN_MARKS.some((mark) => readFileSync(file, "utf8").includes(mark));

// tsup may write `node:http` as `http`.
const isHttp = (name: string) => name === "http" || name === "node:http";

describe("the built entries", () => {
  it("keep the sign-in flows, HTTP and the callback server out of the main entry", () => {
    const { files, packages } = loaded("index.js");
    expect(files.filter(holdsLogin)).toEqual([]);
    expect(packages.filter(isHttp)).toEqual([]);
  });

  it("put them behind the login entry", () => {
    const { files, packages } = loaded("login.js");
    expect(files.filter(holdsLogin)).not.toEqual([]);
    expect(packages.filter(isHttp)).not.toEqual([]);
  });
});
