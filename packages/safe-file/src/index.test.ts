import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { exportedNames, undocumented } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "SafeFileError",
  "UNCHANGED",
  "cloneJson",
  "commitPrepared",
  "describeAt",
  "editJsonText",
  "forRewrite",
  "inFolders",
  "prepareJsonText",
  "readJsonFile",
  "refuseStackOverflow",
  "removeLeftoverTemps",
  "resolveRealPath",
  "serializeJson",
  "updateJsonFile",
  "withFileLock",
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
