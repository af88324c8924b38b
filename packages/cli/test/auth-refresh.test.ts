// `models auth refresh` through the real CLI against a local OAuth token endpoint whose refresh tokens are single-use
// (spending one twice revokes the grant), pointed at by MODELCTL_AUTH_ENDPOINTS.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OAuthTestServer, startOAuthServer } from "../../auth-profiles/test/oauth-server.js";
import { AuthRefreshJsonSchema } from "../src/schemas.js";
import { type RunResult, runBin, runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let agentDir: string;
let server: OAuthTestServer;
let endpointsFile: string;

const HOUR = 3_600_000;
const storePath = () => join(agentDir, "auth-profiles.json");
const storeText = () => readFileSync(storePath(), "utf8");
const stored = (id: string) => JSON.parse(storeText()).profiles[id];

function writeStore(profiles: Record<string, unknown>): void {
  mkdirSync(agentDir, { recursive: true, mode: 0o700 });
  writeFileSync(storePath(), `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`, { mode: 0o600 });
}

/** A Codex profile of a fresh grant, expiring at `expires`. */
function codexProfile(expires: number) {
  const { access, refresh, grant } = server.issue();
  return {
    profile: { type: "oauth", provider: "openai-codex", access, refresh, expires, accountId: "acct-1" },
    grant,
  };
}

const env = () => ({ MODELCTL_AUTH_ENDPOINTS: endpointsFile });
const run = (args: string[]) => runCli(home, ["models", "auth", "refresh", ...args], { env: env() });

/** No token the server issued (nor the ones stored) appears in anything the CLI printed. */
function expectNoTokens(result: RunResult): void {
  const printed = result.stdout + result.stderr;
  for (const token of printed.match(/\b(at|rt)-[0-9a-f]{24}\b/g) ?? []) throw new Error(`leaked ${token}`);
  expect(printed).not.toMatch(/\b(at|rt)-[0-9a-f]{6}/);
}

beforeEach(async () => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
  server = await startOAuthServer();
  endpointsFile = join(home, "endpoints.json");
  writeFileSync(endpointsFile, JSON.stringify({ "openai-codex": { tokenUrl: server.tokenUrl } }));
});
afterEach(async () => {
  await server.close();
  cleanup();
});

describe("models auth refresh", () => {
  it("refreshes an expired profile once, stores the new tokens and keeps every other field", async () => {
    const { profile } = codexProfile(Date.now() - HOUR);
    writeStore({ "openai-codex:default": { ...profile, note: "kept" } });
    const result = await run([]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^openai-codex:default: refreshed · expires in (59m|1h)\n$/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.get("refresh_token")).toBe(profile.refresh);
    const after = stored("openai-codex:default");
    expect(after.access).not.toBe(profile.access);
    expect(server.isValid(after.access)).toBe(true);
    expect(after.refresh).not.toBe(profile.refresh);
    expect(after).toMatchObject({ accountId: "acct-1", note: "kept" });
    expect(after.expires).toBeGreaterThan(Date.now());
    expectNoTokens(result);
  });

  it("leaves a token valid beyond 5 minutes alone, and --force refreshes it anyway", async () => {
    const { profile } = codexProfile(Date.now() + 2 * HOUR);
    writeStore({ "openai-codex:default": profile });
    const fresh = await run(["openai-codex:default"]);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^openai-codex:default: fresh, not refreshed · expires in (1h|2h)\n$/);
    expect(server.requests).toHaveLength(0);
    const forced = await run(["--force"]);
    expect(forced.stdout).toContain("openai-codex:default: refreshed");
    expect(server.requests).toHaveLength(1);
  });

  it("keeps the stored credential byte for byte when the server fails, and exits 69", async () => {
    const { profile } = codexProfile(Date.now() - HOUR);
    writeStore({ "openai-codex:default": profile });
    const before = storeText();
    server.mode = "error-500";
    const result = await run([]);
    expect(result.code).toBe(69);
    expect(result.stdout).toContain("openai-codex:default: refresh failed (HTTP_STATUS)");
    expect(storeText()).toBe(before);
    expectNoTokens(result);
  });

  it("says to sign in again, with exit 77, when the grant was revoked", async () => {
    const { profile } = codexProfile(Date.now() - HOUR);
    writeStore({ "openai-codex:default": profile });
    // Someone else spent this refresh token: the server now revokes the grant on its reuse.
    await fetch(server.tokenUrl, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: profile.refresh }),
    });
    const before = storeText();
    const result = await run([]);
    expect(result.code).toBe(77);
    expect(result.stdout).toContain("refresh failed (INVALID_GRANT)");
    expect(result.stdout).toContain("Sign in again: `modelctl models auth login --provider openai-codex`");
    expect(stored("openai-codex:default")).toEqual(JSON.parse(before).profiles["openai-codex:default"]);
    expectNoTokens(result);
  });

  it("prints one JSON document by the published schema", async () => {
    const { profile } = codexProfile(Date.now() - HOUR);
    writeStore({
      "openai-codex:default": profile,
      "openai-codex:old": { type: "oauth", provider: "openai-codex", access: "x", expires: 1 },
      "anthropic:key": { type: "api_key", provider: "anthropic", key: "sk-ant-api-0123456789" },
    });
    const result = await run(["--json"]);
    expect(result.code).toBe(77);
    const doc = AuthRefreshJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc.results.map((row) => [row.profileId, row.status, row.reason])).toEqual([
      ["openai-codex:default", "refreshed", undefined],
      ["openai-codex:old", "not_refreshable", "NO_REFRESH_TOKEN"],
    ]);
    expect(doc.results[0]?.expiresAt).toBeGreaterThan(Date.now());
    expectNoTokens(result);
  });

  it("refuses a profile that is not OAuth (65) or not stored (65), sending nothing", async () => {
    writeStore({ "anthropic:key": { type: "api_key", provider: "anthropic", key: "sk-ant-api-0123456789" } });
    const notOAuth = await run(["anthropic:key"]);
    expect(notOAuth.code).toBe(65);
    expect(notOAuth.stderr).toContain(
      "anthropic:key is a api_key profile; only OAuth profiles can be refreshed",
    );
    const missing = await run(["openai-codex:nope"]);
    expect(missing.code).toBe(65);
    expect(missing.stderr).toContain('No profile "openai-codex:nope"');
    expect(server.requests).toHaveLength(0);
  });

  it("says so when there is nothing to refresh", async () => {
    const result = await run([]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("No OAuth profiles in");
  });

  it("three processes refreshing one expired profile at once spend its refresh token once", async () => {
    const { profile, grant } = codexProfile(Date.now() - HOUR);
    writeStore({ "openai-codex:default": profile });
    const results = await Promise.all(
      [1, 2, 3].map(() => runBin(home, ["models", "auth", "refresh", "--json"], { env: env() })),
    );
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: "" });
    const statuses = results.map((result) => JSON.parse(result.stdout).results[0].status);
    // One spent the token; the others found its tokens, after waiting for its lock or after it was done.
    expect(statuses.filter((status) => status === "refreshed")).toHaveLength(1);
    for (const status of statuses) expect(["refreshed", "refreshed_elsewhere", "fresh"]).toContain(status);
    expect(grant.refreshRequests).toBe(1);
    expect(grant.revoked).toBe(false);
    expect(server.isValid(stored("openai-codex:default").access)).toBe(true);
  });
});
