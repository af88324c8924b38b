// GitHub Copilot after the token exchange, against a local server that answers as Copilot's API does: the editor
// headers, the Copilot token as the bearer, OpenAI's chat completions, and Copilot's error replies.
import { afterEach, describe, expect, it } from "vitest";
import { leaksOf } from "../../test/leaks.js";
import { sendJson, startServer, type TestServer } from "../../test/provider-server.js";
import { SUCCESS } from "../../test/wire.js";
import { endpointOf } from "../endpoint.js";
import { checkTarget } from "../options.js";
import { probeOne } from "../probe.js";
import type { ProbeTarget } from "../target.js";
import { copilotBaseUrl } from "./github-copilot.js";

// A Copilot token as the exchange returns it: signed fields, the API's proxy host among them.
const COPILOT_TOKEN =
  "tid=5c1e0b7d9a24f683;exp=1795433600;sku=monthly_subscriber;proxy-ep=proxy.individual.githubcopilot.com;st=dotcom;chat=1:7d0f3a91c4e25b86a1f09d3e7c5b24a8";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const target = (origin: string, extra: Partial<ProbeTarget> = {}): ProbeTarget => ({
  provider: "github-copilot",
  model: "gpt-4.1",
  profileId: "github-copilot:github",
  baseUrl: origin,
  credential: { type: "oauth", secret: COPILOT_TOKEN, expiresAt: Date.now() + 25 * 60_000 },
  ...extra,
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  server = await startServer(handler);
  return server;
}

describe("github-copilot: the request Copilot clients send", () => {
  it("POSTs {baseUrl}/chat/completions with the Copilot token and the editor headers", async () => {
    const { origin, requests } = await serve((_request, reply) =>
      sendJson(reply, 200, SUCCESS["openai-completions"]),
    );
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({
      status: "ok",
      api: "github-copilot",
      httpStatus: 200,
      usage: { inputTokens: 14, outputTokens: 1, totalTokens: 15 },
    });
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/chat/completions");
    expect(request?.headers.authorization).toBe(`Bearer ${COPILOT_TOKEN}`);
    expect(request?.headers).toMatchObject({
      "editor-version": "vscode/1.107.0",
      "editor-plugin-version": "copilot-chat/0.35.0",
      "copilot-integration-id": "vscode-chat",
      "user-agent": "GitHubCopilotChat/0.35.0",
    });
  });

  it("the body is OpenAI's chat completions: one user message, max_tokens raised to 16, no streaming", async () => {
    const { origin, requests } = await serve((_request, reply) =>
      sendJson(reply, 200, SUCCESS["openai-completions"]),
    );
    await probeOne(target(origin), { maxTokens: 1 });
    expect(requests[0]?.json).toMatchObject({
      model: "gpt-4.1",
      messages: [{ role: "user", content: expect.any(String) }],
      max_tokens: 16,
      stream: false,
    });
  });

  it("an expired Copilot token is reported without sending (the GitHub token re-exchanges it)", async () => {
    const { origin, requests } = await serve((_request, reply) =>
      sendJson(reply, 200, SUCCESS["openai-completions"]),
    );
    const result = await probeOne(
      target(origin, { credential: { type: "oauth", secret: COPILOT_TOKEN, expiresAt: Date.now() - 1000 } }),
    );
    expect(result).toMatchObject({ status: "expired", reasonCode: "expired" });
    expect(requests).toHaveLength(0);
  });
});

describe("github-copilot: where the request goes", () => {
  const endpoint = (extra: Partial<ProbeTarget>) => {
    const { baseUrl: _, ...rest } = target("http://unused", extra);
    const found = endpointOf(checkTarget(rest, 0));
    return "url" in found ? found.url.href : found.error;
  };

  it("without a base URL, to the API host the token names (proxy.<plan> → api.<plan>)", () => {
    expect(endpoint({})).toBe("https://api.individual.githubcopilot.com/");
    const business = COPILOT_TOKEN.replace("proxy.individual", "proxy.business");
    expect(endpoint({ credential: { type: "oauth", secret: business } })).toBe(
      "https://api.business.githubcopilot.com/",
    );
  });

  it("a token that names no host goes to the provider table's api.githubcopilot.com", () => {
    expect(endpoint({ credential: { type: "oauth", secret: "tid=1;exp=2;chat=1:abc" } })).toBe(
      "https://api.githubcopilot.com/",
    );
  });

  it("a configured base URL wins over the token's host", async () => {
    const { origin, requests } = await serve((_request, reply) =>
      sendJson(reply, 200, SUCCESS["openai-completions"]),
    );
    await probeOne(target(`${origin}/copilot`));
    expect(requests[0]?.path).toBe("/copilot/chat/completions");
  });

  it.each([
    ["proxy-ep=proxy.individual.githubcopilot.com", "https://api.individual.githubcopilot.com"],
    [
      "tid=1; proxy-ep=https://proxy.enterprise.githubcopilot.com/;x=1",
      "https://api.enterprise.githubcopilot.com",
    ],
    ["PROXY-EP=Proxy.Business.GitHubCopilot.com", "https://api.business.githubcopilot.com"],
    ["proxy-ep=proxy.githubcopilot.com.evil.example", undefined],
    ["proxy-ep=proxy.evil.example#.githubcopilot.com", undefined],
    ["proxy-ep=proxy.individual.githubcopilot.com:8443", undefined],
    ["proxy-ep=api.individual.githubcopilot.com", undefined],
    ["proxy-ep=javascript:alert(1)", undefined],
    ["proxy-ep=", undefined],
    ["tid=1;exp=2", undefined],
  ])("copilotBaseUrl(%j) → %s", (token, expected) => {
    expect(copilotBaseUrl(token)).toBe(expected);
  });
});

describe("github-copilot: Copilot's error replies", () => {
  it.each([
    { name: "an expired token", status: 401, body: "unauthorized: token expired", expected: "auth" },
    { name: "no Copilot seat", status: 403, body: "access to this endpoint is forbidden", expected: "auth" },
    {
      name: "a model the seat does not include",
      status: 400,
      body: {
        error: {
          message: "The requested model is not supported.",
          code: "model_not_supported",
          param: "model",
          type: "invalid_request_error",
        },
      },
      expected: "format",
    },
    {
      name: "premium requests used up",
      status: 402,
      body: {
        error: { message: "You have exceeded your premium request allowance.", code: "quota_exceeded" },
      },
      expected: "billing",
    },
    {
      name: "rate limited",
      status: 429,
      body: {
        error: {
          message: "Sorry, you have been rate-limited. Please wait a moment before trying again.",
          code: "rate_limited",
        },
      },
      headers: { "retry-after": "42" },
      expected: "rate_limit",
    },
    { name: "unavailable", status: 503, body: "upstream connect error", expected: "overloaded" },
    {
      name: "a gateway error page",
      status: 502,
      body: "<html><body>Bad Gateway</body></html>",
      expected: "unknown",
    },
  ])("$name: HTTP $status → $expected", async ({ status, body, headers, expected }) => {
    const { origin } = await serve((_request, reply) => {
      if (typeof body === "string") {
        reply.writeHead(status, { "content-type": "text/plain", ...headers });
        reply.end(body);
      } else sendJson(reply, status, body, headers);
    });
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: expected, httpStatus: status, api: "github-copilot" });
    expect(result.error).toMatch(new RegExp(`^HTTP ${status}: `));
    if (headers) expect(result.retryAfterMs).toBe(42_000);
  });

  it("a reply that echoes the Copilot token, raw or in base64, never brings it back", async () => {
    const { origin } = await serve((_request, reply) =>
      sendJson(reply, 401, {
        error: {
          message: `bad token ${COPILOT_TOKEN} (${Buffer.from(COPILOT_TOKEN).toString("base64")})`,
          code: "invalid_token",
        },
      }),
    );
    const result = await probeOne(target(origin));
    expect(result.status).toBe("auth");
    expect(leaksOf(JSON.stringify(result), COPILOT_TOKEN)).toEqual([]);
  });

  it("a redirect is not followed: the Copilot token stays with Copilot", async () => {
    const { origin, requests } = await serve((_request, reply) => {
      reply.writeHead(307, { location: "https://elsewhere.example/chat/completions" });
      reply.end();
    });
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: "unknown", reasonCode: "redirect", httpStatus: 307 });
    expect(result.error).toContain("https://elsewhere.example");
    expect(requests).toHaveLength(1);
  });
});
