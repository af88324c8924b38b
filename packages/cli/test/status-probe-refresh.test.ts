// `models status --probe --probe-refresh` through the real CLI: an expired-but-refreshable OAuth profile is refreshed
// (once, under its lock) before it is probed, instead of being reported `expired`; plain status never refreshes.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OAuthTestServer, startOAuthServer } from "../../auth-profiles/test/oauth-server.js";
import { StatusJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let agentDir: string;
let server: OAuthTestServer;
let issued: { access: string; refresh: string };

const storeText = () => readFileSync(join(agentDir, "auth-profiles.json"), "utf8");
const run = (args: string[]) =>
  runCli(home, ["models", "status", ...args], {
    env: { MODELCTL_AUTH_ENDPOINTS: join(home, "endpoints.json") },
  });

beforeEach(async () => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
  server = await startOAuthServer();
  const { access, refresh } = server.issue();
  issued = { access, refresh };
  mkdirSync(agentDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(agentDir, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: {
        "openai-codex:default": {
          type: "oauth",
          provider: "openai-codex",
          access,
          refresh,
          expires: Date.now() - 60_000,
          accountId: "acct-1",
        },
      },
    }),
    { mode: 0o600 },
  );
  writeFileSync(
    join(home, "endpoints.json"),
    JSON.stringify({ "openai-codex": { tokenUrl: server.tokenUrl } }),
  );
});

afterEach(async () => {
  await server.close();
  cleanup();
});

describe("models status --probe --probe-refresh", () => {
  it("plain status and --probe alone never refresh", async () => {
    const before = storeText();
    expect((await run([])).stdout).toContain("openai-codex:default expired");
    const probed = await run(["--probe", "--probe-provider", "openai-codex", "--json"]);
    const row = StatusJsonSchema.parse(JSON.parse(probed.stdout)).auth.probes?.results[0];
    expect(row).toMatchObject({ profileId: "openai-codex:default", status: "expired" });
    expect(server.requests).toHaveLength(0);
    expect(storeText()).toBe(before);
  });

  it("refreshes the expired profile once before probing it, and says so", async () => {
    const result = await run(["--probe", "--probe-provider", "openai-codex", "--probe-refresh", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Refreshed openai-codex:default before probing.");
    expect(server.requests).toHaveLength(1);
    const doc = StatusJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc.auth.probes?.refreshed).toEqual([
      expect.objectContaining({ profileId: "openai-codex:default", status: "refreshed", store: "agent" }),
    ]);
    expect(doc.auth.probes?.results[0]?.status).not.toBe("expired");
    // The overview is judged after the refresh: the new token lasts an hour (under the 24 h warning window).
    expect(doc.auth.oauth.profiles[0]).toMatchObject({
      profileId: "openai-codex:default",
      status: "expiring",
    });
    const stored = JSON.parse(storeText()).profiles["openai-codex:default"];
    expect(server.isValid(stored.access)).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(issued.refresh);
    expect(result.stdout + result.stderr).not.toContain(stored.access);
  });

  it("a refresh that fails leaves the credential as it was and the probe reports it expired", async () => {
    server.mode = "error-500";
    const before = storeText();
    const result = await run(["--probe", "--probe-refresh", "--probe-provider", "openai-codex", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Could not refresh openai-codex:default (HTTP_STATUS)");
    expect(JSON.parse(storeText()).profiles).toEqual(JSON.parse(before).profiles);
    const doc = StatusJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc.auth.probes?.results[0]?.status).toBe("expired");
    expect(result.stdout + result.stderr).not.toContain(issued.refresh);
  });

  it("--probe-refresh without --probe is a usage error", async () => {
    const result = await run(["--probe-refresh"]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("--probe-refresh only works with --probe");
  });
});
