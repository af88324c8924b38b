// `models status --probe --probe-refresh` through the real CLI: an expired-but-refreshable OAuth profile is refreshed
// (once, under its lock) before it is probed, instead of being reported `expired`; plain status never refreshes.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
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
let backend: Server;
let backendSeen: IncomingHttpHeaders[];

/** One server-sent event as the ChatGPT backend frames it. */
const frame = (type: string, fields: Record<string, unknown> = {}) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;

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
  // The ChatGPT backend: answers a token the OAuth server still honours with a streamed reply, any other with 401.
  backendSeen = [];
  backend = createServer((request, response) => {
    backendSeen.push(request.headers);
    request.resume();
    const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (request.url !== "/backend-api/codex/responses" || !server.isValid(token)) {
      response.writeHead(401, { "content-type": "application/json" });
      return response.end(JSON.stringify({ detail: "Could not validate your token." }));
    }
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.end(
      frame("response.created", { response: { id: "resp_1", status: "in_progress" } }) +
        frame("response.output_text.delta", { item_id: "msg_1", output_index: 0, delta: "OK" }) +
        frame("response.completed", { response: { id: "resp_1", status: "completed" } }),
    );
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({ models: { providers: { "openai-codex": { baseUrl: `${origin}/backend-api` } } } }),
  );
});

afterEach(async () => {
  await server.close();
  backend.closeAllConnections();
  await new Promise<void>((resolve) => backend.close(() => resolve()));
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
    // The probe went out with the new token and the account id, and the backend took it.
    expect(doc.auth.probes?.results[0]).toMatchObject({ profileId: "openai-codex:default", status: "ok" });
    expect(backendSeen).toHaveLength(1);
    expect(backendSeen[0]?.["chatgpt-account-id"]).toBe("acct-1");
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
