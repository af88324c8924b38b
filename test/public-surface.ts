// For each package's index.test.ts: the names an index.ts exports, and which of them its README does not show.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

/**
 * The two tests every package's index.test.ts makes: `load()` (its `import("./index.js")`) exports exactly `values`,
 * and the README beside `src/` shows every name index.ts exports, types included. `testUrl` is the test file's
 * `import.meta.url`; `entry` is the entry's source beside it, for a subpath entry (`./catalog.ts`).
 */
export function pinsPublicSurface(
  testUrl: string,
  load: () => Promise<object>,
  values: readonly string[],
  entry = "./index.ts",
): void {
  it("exports exactly the values it means to", async () => {
    expect(Object.keys(await load()).sort()).toEqual(values);
  });

  it("documents every name it exports, types included, in its README", () => {
    const index = readFileSync(new URL(entry, testUrl), "utf8");
    const readme = readFileSync(new URL("../README.md", testUrl), "utf8");
    expect(exportedNames(index)).toEqual(expect.arrayContaining([...values]));
    expect(undocumented(exportedNames(index), readme)).toEqual([]);
  });
}

/** Every name `source` (an entry of named re-exports) exports, values and types, sorted. */
export function exportedNames(source: string): string[] {
  const names: string[] = [];
  for (const [, list = ""] of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const item of list.split(",")) {
      const name = item
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .at(-1);
      if (name) names.push(name);
    }
  return names.sort();
}

/** The names of `names` that `readme` never shows as code, in a code span or a code block. */
export function undocumented(names: readonly string[], readme: string): string[] {
  const blocks = readme.match(/```[\s\S]*?```/g) ?? [];
  const spans = readme.replace(/```[\s\S]*?```/g, "").match(/`[^`\n]+`/g) ?? [];
  const code = [...blocks, ...spans].join("\n");
  return names.filter((name) => !new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(code));
}
