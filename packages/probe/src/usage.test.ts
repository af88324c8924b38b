// The `@modelctl/probe/usage` entry: exactly the cache and the line, documented, and nothing that fetches.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { pinsPublicSurface } from "../../../test/public-surface.js";

pinsPublicSurface(
  import.meta.url,
  () => import("./usage.js"),
  [
    "USAGE_CACHE_FILE",
    "UsageCacheError",
    "formatUsageLine",
    "readUsageCache",
    "updateUsageCache",
    "usageCachePath",
  ],
  "./usage.ts",
);

/** Every module `entry` reaches through static imports: relative ones as file names, packages as their names. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(new URL(file, import.meta.url), "utf8");
    // Type-only imports are erased: they load nothing.
    for (const [, typeOnly, from = ""] of source.matchAll(
      /^(?:import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms,
    )) {
      if (typeOnly) continue;
      if (from.startsWith("./")) visit(from.replace(/\.js$/, ".ts"));
      else seen.add(from);
    }
  };
  visit(entry);
  return seen;
}

it("loads neither ky nor p-queue nor the HTTP or fetch code", () => {
  const modules = reachable("./usage.ts");
  expect(modules).toContain("./usage-cache.ts");
  for (const heavy of ["ky", "p-queue", "./http.ts", "./usage-fetch.ts", "./probe.ts", "./usage-readers.ts"])
    expect(modules).not.toContain(heavy);
});
