import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { exportedNames, undocumented } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "AuthStoreError",
  "COOLDOWN_EXEMPT_PROVIDERS",
  "MAX_SECRET_BYTES",
  "SafeFileError",
  "Secret",
  "UNCHANGED",
  "apiKeyProfileSchema",
  "authOverviewSchema",
  "authProfilesFileSchema",
  "authStateSchema",
  "authStorePaths",
  "clearOrder",
  "configKeyCredential",
  "countSchema",
  "credentialLabel",
  "describeAuth",
  "epochMsSchema",
  "formatRemainingShort",
  "isCooldownExempt",
  "isExposedMode",
  "listAgentFolders",
  "loadAuthStore",
  "mainAgentDir",
  "maskSecret",
  "oauthProfileSchema",
  "orderOverrideOf",
  "parseMarker",
  "profileCredential",
  "profileHealth",
  "profileHealthSchema",
  "profileLabel",
  "profileStatusViewSchema",
  "profileStoreOf",
  "profileStoreSchema",
  "providerAuthViewSchema",
  "providerEntry",
  "providerSources",
  "providersInPlay",
  "putProfile",
  "recordFailure",
  "recordOutcome",
  "recordSuccess",
  "removeProfile",
  "resolveAgentDir",
  "resolveCredential",
  "rollUpHealth",
  "runtimeProfile",
  "secretRefSchema",
  "setOrder",
  "stateProfileIdSchema",
  "stopRefCommands",
  "tokenProfileSchema",
  "unusableOf",
  "unusableSchema",
  "unusableSuffix",
  "updateAuthStore",
  "usageStatsSchema",
  "validateSecretValue",
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
