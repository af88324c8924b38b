import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { exportedNames, undocumented } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "AliasesJsonSchema",
  "AuthListJsonSchema",
  "AuthOrderJsonSchema",
  "AuthStatusJsonSchema",
  "EXIT",
  "FallbacksJsonSchema",
  "JSON_SCHEMAS",
  "ProbeRowJsonSchema",
  "ProbeRunJsonSchema",
  "StatusJsonSchema",
  "registerModelsCommands",
];

it("exports exactly the values it means to", async () => {
  expect(Object.keys(await import("./index.js")).sort()).toEqual(VALUES);
});

it("documents every name it exports, types included, in its README", () => {
  const index = readFileSync(new URL("./index.ts", import.meta.url), "utf8");
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  expect(exportedNames(index)).toEqual(expect.arrayContaining(VALUES));
  expect(undocumented(exportedNames(index), readme)).toEqual([]);
});
