import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { exportedNames, undocumented } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "ModelRefError",
  "PROVIDERS",
  "addFallback",
  "agentEntrySchema",
  "buildAliasIndex",
  "clearFallbacks",
  "configSecretRefSchema",
  "configuredModels",
  "defaultAgentId",
  "defaultResolutionSchema",
  "describeModelSelection",
  "escapeForTerminal",
  "exposeProtoKeys",
  "findAgent",
  "formatModelRef",
  "getProvider",
  "knownAgentIds",
  "knownProviderEnvVars",
  "lookupAlias",
  "modelEntrySchema",
  "modelRefSchema",
  "modelSelectionSchema",
  "modelSelectionViewSchema",
  "modelsConfigSchema",
  "normalizeProviderId",
  "parseModelRef",
  "parseProviderId",
  "providerConfigSchema",
  "providersWithModel",
  "readAgentOverride",
  "readDefaultsSelection",
  "removeAlias",
  "removeFallback",
  "replaceTerminalUnsafe",
  "resolveConfiguredPrimary",
  "resolveContextOf",
  "resolveForConfig",
  "resolveModelRef",
  "selectionSourceSchema",
  "setAlias",
  "setPrimary",
  "unsafeCharacter",
  "validateModelsConfig",
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
