// `models status --usage` and the cached usage lines of plain `models status`, through the real CLI, against local
// servers answering as the Codex and Claude usage endpoints do (MODELCTL_AUTH_ENDPOINTS points at them).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatusJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

const CODEX_ACCESS = "codex-access-CANARY-5f1e0c2a9b7d";
const CLAUDE_TOKEN = "sk-ant-oat01-CANARY-0a1b2c3d4e5f6a7b";
const HOUR = 3_600_000;

let home: string;
let cleanup: () => void;
let agentDir: string;
let server: Server;
let base: string;
let seen: { path: string; headers: IncomingHttpHeaders }[];

function codexReply(now: number) {
  const seconds = Math.floor(now / 1000);
  return {
    plan_type: "plus",
    rate_limit: {
      primary_window: { used_percent: 20, limit_window_seconds: 18000, reset_at: seconds + 2 * 3600 + 1800 },
      secondary_window: {
        used_percent: 39,
        limit_window_seconds: 604800,
        reset_at: seconds + 3 * 86400 + 3600,
      },
    },
    credits: { has_credits: false, unlimited: false, balance: "0" },
  };
}

const CLAUDE_NO_SCOPE = {
  type: "error",
  error: { type: "permission_error", message: "OAuth token does not meet scope requirement user:profile" },
};

beforeEach(async () => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(agentDir, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: {
        "openai-codex:default": {
          type: "oauth",
          provider: "openai-codex",
          access: CODEX_ACCESS,
          refresh: "codex-refresh-CANARY-77aa",
          expires: Date.now() + 10 * 24 * HOUR,
          accountId: "acct-1",
          email: "me@example.com",
        },
        "anthropic:sub": {
          type: "token",
          provider: "anthropic",
          token: CLAUDE_TOKEN,
          expires: Date.now() + 300 * 24 * HOUR,
        },
      },
    }),
    { mode: 0o600 },
  );
  seen = [];
  server = createServer((request, response) => {
    seen.push({ path: request.url ?? "", headers: request.headers });
    response.setHeader("content-type", "application/json");
    if (request.url === "/codex") return response.end(JSON.stringify(codexReply(Date.now())));
    response.statusCode = 403;
    response.end(JSON.stringify(CLAUDE_NO_SCOPE));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(
    join(home, "endpoints.json"),
    JSON.stringify({
      "openai-codex": { usageUrl: `${base}/codex` },
      anthropic: { usageUrl: `${base}/claude` },
    }),
  );
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  cleanup();
});

const run = (args: string[]) =>
  runCli(home, ["models", "status", ...args], {
    env: { MODELCTL_AUTH_ENDPOINTS: join(home, "endpoints.json") },
  });

function expectNoSecrets(text: string): void {
  expect(text).not.toContain("CANARY");
}

describe("models status and usage snapshots", () => {
  it("plain status sends nothing and shows no usage before any was fetched", async () => {
    const result = await run([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\n- openai-codex\n");
    expect(result.stdout).not.toContain("usage:");
    expect(seen).toHaveLength(0);
    const json = await run(["--json"]);
    expect(JSON.parse(json.stdout).auth).not.toHaveProperty("usage");
  });

  it("--usage fetches every subscription at once, shows each under its provider and caches the good ones", async () => {
    const result = await run(["--usage"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "\n- openai-codex usage: 5h 80% left ⏱2h · Week 61% left ⏱3d (as of just now)\n  - openai-codex:default (me@example.com) ok expires in 10d\n",
    );
    // A Claude token without the profile scope gets a 403: said, not failed.
    expect(result.stdout).toMatch(
      /\n- anthropic usage: unavailable \(forbidden\): [^\n]*user:profile[^\n]*\n {2}- anthropic:sub/,
    );
    const codex = seen.find((request) => request.path === "/codex");
    expect(codex?.headers.authorization).toBe(`Bearer ${CODEX_ACCESS}`);
    expect(codex?.headers["chatgpt-account-id"]).toBe("acct-1");
    expect(seen.find((request) => request.path === "/claude")?.headers.authorization).toBe(
      `Bearer ${CLAUDE_TOKEN}`,
    );
    const cache = JSON.parse(readFileSync(join(agentDir, "modelctl-usage-cache.json"), "utf8"));
    expect(Object.keys(cache.providers)).toEqual(["openai-codex"]);
    expectNoSecrets(result.stdout + result.stderr + JSON.stringify(cache));
  });

  it("plain status then shows the cached snapshot with its age, offline; --json carries it in auth.usage", async () => {
    await run(["--usage"]);
    const fetched = seen.length;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

    const later = Date.now() + 12 * 60_000;
    const plain = await runCli(home, ["models", "status"], { env: { MODELCTL_NOW: String(later) } });
    expect(plain.stdout).toMatch(
      /\n- openai-codex usage: 5h 80% left ⏱2h · Week 61% left ⏱3d \(as of 12m ago\)\n/,
    );
    expect(plain.stdout).toContain("\n- anthropic\n");
    const json = await run(["--json"]);
    const doc = StatusJsonSchema.parse(JSON.parse(json.stdout));
    expect(doc.auth.usage).toEqual([
      expect.objectContaining({
        provider: "openai-codex",
        profileId: "openai-codex:default",
        status: "ok",
        plan: "plus",
        source: "cache",
      }),
    ]);
    expect(seen).toHaveLength(fetched);
    expectNoSecrets(plain.stdout + json.stdout);
  });

  it("--usage --json carries every fetched snapshot, failures included", async () => {
    const result = await run(["--usage", "--json"]);
    const doc = StatusJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc.auth.usage?.map((snapshot) => [snapshot.provider, snapshot.status, snapshot.source])).toEqual([
      ["anthropic", "forbidden", "live"],
      ["openai-codex", "ok", "live"],
    ]);
    expectNoSecrets(result.stdout + result.stderr);
  });

  it("asks Copilot's usage with the GitHub token (the profile's refresh), not the short-lived Copilot token", async () => {
    const store = JSON.parse(readFileSync(join(agentDir, "auth-profiles.json"), "utf8"));
    store.profiles = {
      "github-copilot:github": {
        type: "oauth",
        provider: "github-copilot",
        access: "tid=copilot-CANARY-1;exp=1",
        refresh: "gho_CANARY0123456789abcdef",
        expires: Date.now() + HOUR,
      },
    };
    writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify(store));
    writeFileSync(
      join(home, "endpoints.json"),
      JSON.stringify({ "github-copilot": { usageUrl: `${base}/copilot` } }),
    );
    const result = await run(["--usage", "--json"]);
    expect(seen.map((request) => [request.path, request.headers.authorization])).toEqual([
      ["/copilot", "token gho_CANARY0123456789abcdef"],
    ]);
    expect(JSON.parse(result.stdout).auth.usage[0]).toMatchObject({
      provider: "github-copilot",
      source: "live",
    });
    expectNoSecrets(result.stdout + result.stderr);
  });

  it("a usage cache it cannot read is a warning, never rewritten", async () => {
    const path = join(agentDir, "modelctl-usage-cache.json");
    writeFileSync(path, "{ not json");
    const result = await run(["--usage"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Warning: usage cache not written");
    expect(readFileSync(path, "utf8")).toBe("{ not json");
    const plain = await run([]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("Warning: usage cache not read");
  });
});
