// fetchUsageSnapshots against real servers on 127.0.0.1 answering with each provider's reply shape (as the providers'
// own clients read them), and with the failures a usage endpoint has: 401, 403, 500, a hang, an oversized body.
import { afterEach, describe, expect, it } from "vitest";
import { leaksOf } from "../test/leaks.js";
import { closedPortOrigin, sendJson, startServer, type TestServer } from "../test/provider-server.js";
import { ProbeError } from "./errors.js";
import { fetchUsageSnapshots, type UsageTarget } from "./usage-fetch.js";
import { usageSnapshotSchema } from "./usage-schema.js";

const CANARY = "sk-ant-oat01-CANARY-usage-7f3a9c2e41b8d6";
const secret = (value: string) => ({ reveal: () => value });

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

// Reset times are fixed dates in the future so the readers' output is exact.
const RESET_5H = 4_102_444_800; // 2100-01-01T00:00:00Z in epoch seconds
const RESET_WEEK = RESET_5H + 5 * 24 * 3600;

const CODEX_REPLY = {
  user_id: "user-abc",
  account_id: "acct-123",
  email: "someone@example.com",
  plan_type: "plus",
  rate_limit: {
    allowed: true,
    limit_reached: false,
    primary_window: {
      used_percent: 20,
      limit_window_seconds: 18000,
      reset_after_seconds: 7200,
      reset_at: RESET_5H,
    },
    secondary_window: {
      used_percent: 39,
      limit_window_seconds: 604800,
      reset_after_seconds: 259200,
      reset_at: RESET_WEEK,
    },
  },
  code_review_rate_limit: null,
  credits: { has_credits: false, unlimited: false, balance: "0" },
};

const COPILOT_REPLY = {
  login: "someone",
  access_type_sku: "plus_monthly_subscriber_quota",
  copilot_plan: "individual",
  chat_enabled: true,
  quota_reset_date: "2100-02-01",
  quota_reset_date_utc: "2100-02-01T00:00:00.000Z",
  quota_snapshots: {
    chat: {
      entitlement: 0,
      overage_count: 0,
      overage_permitted: false,
      percent_remaining: 100,
      quota_id: "chat",
      remaining: 0,
      unlimited: true,
    },
    completions: {
      entitlement: 0,
      overage_count: 0,
      overage_permitted: false,
      percent_remaining: 100,
      quota_id: "completions",
      remaining: 0,
      unlimited: true,
    },
    premium_interactions: {
      entitlement: 300,
      overage_count: 0,
      overage_permitted: true,
      percent_remaining: 72.5,
      quota_id: "premium_interactions",
      remaining: 217,
      unlimited: false,
    },
  },
};

const GEMINI_REPLY = {
  buckets: [
    {
      modelId: "gemini-2.5-pro",
      tokenType: "REQUESTS",
      remainingFraction: 0.8,
      resetTime: "2100-01-01T08:00:00Z",
    },
    {
      modelId: "gemini-2.5-pro",
      tokenType: "INPUT_TOKENS",
      remainingFraction: 0.5,
      remainingAmount: "500",
      resetTime: "2100-01-01T09:00:00Z",
    },
    { modelId: "gemini-2.5-flash", tokenType: "REQUESTS", resetTime: "2100-01-01T08:00:00Z" },
  ],
};

const CLAUDE_REPLY = {
  five_hour: { utilization: 20, resets_at: "2100-01-01T05:00:00.571404+00:00" },
  seven_day: { utilization: 39, resets_at: "2100-01-06T00:00:00.571468+00:00" },
  seven_day_oauth_apps: null,
  seven_day_opus: null,
  extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null },
};

const CLAUDE_NO_SCOPE = {
  type: "error",
  error: { type: "permission_error", message: "OAuth token does not meet scope requirement user:profile" },
  request_id: "req_011",
};

const target = (provider: string, usageUrl: string, extra: Partial<UsageTarget> = {}): UsageTarget => ({
  provider,
  profileId: `${provider}:default`,
  credential: { type: "oauth", access: secret(CANARY) },
  usageUrl,
  ...extra,
});

describe("each provider's request and reply", () => {
  it("Codex: GET with the bearer token and ChatGPT-Account-Id; 5h and Week windows, plan and credits", async () => {
    const server = await serve((_, response) => sendJson(response, 200, CODEX_REPLY));
    const [snapshot] = await fetchUsageSnapshots([
      target("openai-codex", `${server.origin}/backend-api/wham/usage`, { accountId: "acct-123" }),
    ]);
    const request = server.requests[0];
    expect(request?.method).toBe("GET");
    expect(request?.path).toBe("/backend-api/wham/usage");
    expect(request?.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(request?.headers["chatgpt-account-id"]).toBe("acct-123");
    expect(snapshot).toMatchObject({
      provider: "openai-codex",
      profileId: "openai-codex:default",
      status: "ok",
      httpStatus: 200,
      plan: "plus",
      windows: [
        { label: "5h", usedPercent: 20, resetsAt: "2100-01-01T00:00:00.000Z" },
        { label: "Week", usedPercent: 39, resetsAt: "2100-01-06T00:00:00.000Z" },
      ],
      credits: { balance: 0, hasCredits: false, unlimited: false },
    });
    expect(usageSnapshotSchema().safeParse(snapshot).success).toBe(true);
  });

  it("Codex: a 24 h secondary window that resets on a weekly cadence is labelled Week, as OpenClaw does", async () => {
    const reply = structuredClone(CODEX_REPLY);
    reply.rate_limit.secondary_window.limit_window_seconds = 86400;
    const server = await serve((_, response) => sendJson(response, 200, reply));
    const [snapshot] = await fetchUsageSnapshots([target("openai-codex", server.origin)]);
    expect(snapshot?.windows.map((window) => window.label)).toEqual(["5h", "Week"]);
    expect(server.requests[0]?.headers["chatgpt-account-id"]).toBeUndefined();
  });

  it("Copilot: `token` authorization and the editor headers; Premium with its reset date, unlimited Chat", async () => {
    const server = await serve((_, response) => sendJson(response, 200, COPILOT_REPLY));
    const [snapshot] = await fetchUsageSnapshots([
      target("github-copilot", `${server.origin}/copilot_internal/user`),
    ]);
    const request = server.requests[0];
    expect(request?.headers.authorization).toBe(`token ${CANARY}`);
    expect(request?.headers["editor-version"]).toMatch(/^vscode\//);
    expect(request?.headers["x-github-api-version"]).toBe("2025-04-01");
    expect(snapshot).toMatchObject({
      status: "ok",
      plan: "individual",
      windows: [
        { label: "Premium", usedPercent: 27.5, resetsAt: "2100-02-01T00:00:00.000Z" },
        { label: "Chat", usedPercent: 0, unlimited: true },
        { label: "Completions", usedPercent: 0, unlimited: true },
      ],
    });
  });

  it("Gemini: POST with the project; the lowest remaining fraction per model, a full bucket as 1", async () => {
    const server = await serve((_, response) => sendJson(response, 200, GEMINI_REPLY));
    const [snapshot] = await fetchUsageSnapshots([
      target("google-gemini-cli", `${server.origin}/v1internal:retrieveUserQuota`, { projectId: "proj-1" }),
    ]);
    const request = server.requests[0];
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1internal:retrieveUserQuota");
    expect(request?.json).toEqual({ project: "proj-1" });
    expect(snapshot?.windows).toEqual([
      { label: "gemini-2.5-pro", remainingFraction: 0.5, resetsAt: "2100-01-01T09:00:00.000Z" },
      { label: "gemini-2.5-flash", remainingFraction: 1, resetsAt: "2100-01-01T08:00:00.000Z" },
    ]);
  });

  it("Gemini without a project sends `{}`", async () => {
    const server = await serve((_, response) => sendJson(response, 200, { buckets: [] }));
    const [snapshot] = await fetchUsageSnapshots([target("google-gemini-cli", server.origin)]);
    expect(server.requests[0]?.json).toEqual({});
    expect(snapshot).toMatchObject({ status: "ok", windows: [] });
  });

  it("Claude: the OAuth beta header; five-hour and seven-day utilisation", async () => {
    const server = await serve((_, response) => sendJson(response, 200, CLAUDE_REPLY));
    const [snapshot] = await fetchUsageSnapshots([target("anthropic", `${server.origin}/api/oauth/usage`)]);
    const request = server.requests[0];
    expect(request?.headers["anthropic-beta"]).toBe("oauth-2025-04-20");
    expect(request?.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(snapshot?.windows).toEqual([
      { label: "5h", usedPercent: 20, resetsAt: "2100-01-01T05:00:00.571Z" },
      { label: "Week", usedPercent: 39, resetsAt: "2100-01-06T00:00:00.571Z" },
    ]);
  });

  it("fetches all providers at once: each under its own deadline, not one after another", async () => {
    const held: (() => void)[] = [];
    const server = await serve((request, response) => {
      held.push(() => sendJson(response, 200, request.path.includes("claude") ? CLAUDE_REPLY : CODEX_REPLY));
      // Both are answered only once both have arrived: a sequential fetch would never see the second request.
      if (held.length === 2) for (const answer of held) answer();
    });
    const snapshots = await fetchUsageSnapshots([
      target("openai-codex", `${server.origin}/codex`),
      target("anthropic", `${server.origin}/claude`),
    ]);
    expect(snapshots.map((snapshot) => snapshot.status)).toEqual(["ok", "ok"]);
  });
});

describe("failures are snapshots, not exceptions", () => {
  it("Claude's 403 for a token without the profile scope is `forbidden` with a note that says why", async () => {
    const server = await serve((_, response) => sendJson(response, 403, CLAUDE_NO_SCOPE));
    const [snapshot] = await fetchUsageSnapshots([target("anthropic", server.origin)]);
    expect(snapshot).toMatchObject({ status: "forbidden", httpStatus: 403, windows: [] });
    expect(snapshot?.note).toContain("user:profile");
  });

  it("401 is `auth`, 500 is `unknown`, 429 is `rate_limit`, each with the status and a note", async () => {
    const answers: Record<string, [number, unknown]> = {
      "/a": [401, { error: { message: "Provided authentication token is expired.", code: "token_expired" } }],
      "/b": [500, { error: { message: "internal" } }],
      "/c": [429, { error: { message: "slow down" } }],
    };
    const server = await serve((request, response) => {
      const [status, body] = answers[request.path] as [number, unknown];
      sendJson(response, status, body);
    });
    const snapshots = await fetchUsageSnapshots([
      target("openai-codex", `${server.origin}/a`),
      target("github-copilot", `${server.origin}/b`),
      target("anthropic", `${server.origin}/c`),
    ]);
    expect(snapshots.map((snapshot) => [snapshot.status, snapshot.httpStatus])).toEqual([
      ["auth", 401],
      ["unknown", 500],
      ["rate_limit", 429],
    ]);
    expect(snapshots[0]?.note).toContain("refresh it or sign in again");
  });

  it("a server that never answers is `timeout` at the deadline", async () => {
    const server = await serve(() => {});
    const [snapshot] = await fetchUsageSnapshots([target("anthropic", server.origin)], { timeoutMs: 200 });
    expect(snapshot).toMatchObject({ status: "timeout" });
    expect(snapshot?.note).toContain("200 ms");
  });

  it("a body over the cap is `format` and not read to its end", async () => {
    const server = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(`{"five_hour":{"utilization":1},"pad":"${"x".repeat(100_000)}"}`);
    });
    const [snapshot] = await fetchUsageSnapshots([target("anthropic", server.origin)], {
      maxResponseBytes: 4096,
    });
    expect(snapshot).toMatchObject({ status: "format" });
    expect(snapshot?.note).toContain("larger than 4096 bytes");
  });

  it("a redirect is not followed: the token stays with the first host", async () => {
    const other = await serve((_, response) => sendJson(response, 200, CLAUDE_REPLY));
    const server = await serve((_, response) => {
      response.writeHead(302, { location: `${other.origin}/steal` });
      response.end();
    });
    const [snapshot] = await fetchUsageSnapshots([target("anthropic", server.origin)]);
    expect(snapshot).toMatchObject({ status: "unknown", httpStatus: 302 });
    expect(other.requests).toHaveLength(0);
  });

  it("a reply that is not the provider's shape is `format`; a refused connection is `network`", async () => {
    const server = await serve((_, response) => sendJson(response, 200, { hello: "world" }));
    const refused = await closedPortOrigin();
    const snapshots = await fetchUsageSnapshots([
      target("anthropic", server.origin),
      target("openai-codex", refused),
    ]);
    expect(snapshots.map((snapshot) => snapshot.status)).toEqual(["format", "network"]);
  });

  it("no credential, an expired one, or a provider without a usage endpoint: decided before sending", async () => {
    const server = await serve((_, response) => sendJson(response, 200, CLAUDE_REPLY));
    const snapshots = await fetchUsageSnapshots(
      [
        { provider: "anthropic", usageUrl: server.origin },
        {
          provider: "openai-codex",
          credential: { type: "oauth", access: secret(CANARY), expires: 1000 },
          usageUrl: server.origin,
        },
        { provider: "openrouter", credential: secret(CANARY) },
      ],
      { now: 2000 },
    );
    expect(snapshots.map((snapshot) => snapshot.status)).toEqual([
      "missing_credential",
      "expired",
      "unsupported",
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it("misuse throws: two targets for one provider, a usage URL that is not http(s), a bad timeout", async () => {
    await expect(
      fetchUsageSnapshots([{ provider: "anthropic" }, { provider: "Anthropic" }]),
    ).rejects.toSatisfy((error) => ProbeError.isInstance(error) && error.code === "INVALID_TARGET");
    await expect(
      fetchUsageSnapshots([{ provider: "anthropic", usageUrl: "file:///etc/passwd" }]),
    ).rejects.toThrow(/usageUrl must be an http\(s\) URL/);
    await expect(fetchUsageSnapshots([], { timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
  });
});

describe("no secret comes back", () => {
  it("a server that echoes the token in errors, labels and plan: none of it in any snapshot", async () => {
    const encoded = Buffer.from(CANARY).toString("base64");
    const server = await serve((request, response) => {
      if (request.path === "/err")
        return sendJson(response, 401, { error: { message: `bad token ${encoded}` } });
      if (request.path === "/claude")
        return sendJson(response, 403, { error: { message: `nope ${CANARY}` } });
      return sendJson(response, 200, {
        plan_type: CANARY,
        rate_limit: { primary_window: { used_percent: 1, limit_window_seconds: 18000 } },
        buckets: [{ modelId: CANARY, remainingFraction: 0.1 }],
      });
    });
    const snapshots = await fetchUsageSnapshots([
      target("openai-codex", `${server.origin}/ok`),
      target("google-gemini-cli", `${server.origin}/ok`),
      target("github-copilot", `${server.origin}/err`),
      target("anthropic", `${server.origin}/claude`),
    ]);
    const output = JSON.stringify(snapshots);
    expect(leaksOf(output, CANARY)).toEqual([]);
    expect(snapshots[0]?.plan).toBeUndefined();
    expect(snapshots[1]?.windows).toEqual([]);
  });
});
