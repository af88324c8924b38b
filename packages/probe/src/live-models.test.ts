// fetchLiveModels against real servers on 127.0.0.1 speaking each API family's model list protocol: the requests it
// sends, the lists it reads (pagination included), every failure classified, its bounds, and no secret in a result.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { leaksOf } from "../test/leaks.js";
import {
  ANTHROPIC_PAGES,
  anthropicError,
  GEMINI_PAGES,
  GROQ_LIST,
  geminiError,
  MISTRAL_LIST,
  OLLAMA_TAGS,
  OPENAI_LIST,
  OPENROUTER_LIST,
  openAiError,
  TOGETHER_LIST,
} from "../test/list-wire.js";
import {
  closedPortOrigin,
  type RecordedRequest,
  sendJson,
  startServer,
  type TestServer,
} from "../test/provider-server.js";
import { ProbeError } from "./errors.js";
import { insecureLiveModelsTargets } from "./insecure.js";
import { fetchLiveModels, type LiveModelsTarget } from "./live-models.js";
import { type LiveModelsResult, liveModelsResultSchema } from "./live-models-schema.js";

const KEY = "sk-live-R7fQ2mX9pL4vW8zT1kB6";
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: (request: RecordedRequest, response: ServerResponse) => void) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** A server answering each path (query included) with its body, and 404 to anything else. */
const servePaths = (bodies: Readonly<Record<string, unknown>>) =>
  serve((request, response) =>
    request.path in bodies
      ? sendJson(response, 200, bodies[request.path])
      : sendJson(response, 404, { error: `no route ${request.path}` }),
  );

async function listOne(target: LiveModelsTarget, options = {}): Promise<LiveModelsResult> {
  const [result] = await fetchLiveModels([target], options);
  if (!result) throw new Error("no result");
  // Every result is what the schema says it is.
  expect(liveModelsResultSchema().safeParse(result).success).toBe(true);
  return result;
}

describe("each API family's model list", () => {
  it("OpenAI: one GET of <baseUrl>/models with the key as a bearer, no body; the ids", async () => {
    const server = await servePaths({ "/v1/models": OPENAI_LIST });
    const result = await listOne({ provider: "openai", baseUrl: `${server.origin}/v1`, credential: KEY });
    expect(result).toMatchObject({
      provider: "openai",
      api: "openai-responses",
      status: "ok",
      httpStatus: 200,
    });
    expect(result.models).toEqual([{ id: "gpt-4.1-nano" }, { id: "gpt-5.2" }]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "GET", path: "/v1/models", body: "" });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(Date.parse(result.fetchedAt)).not.toBeNaN();
  });

  it("OpenRouter: names, context length and the top provider's completion limit", async () => {
    const server = await servePaths({ "/api/v1/models": OPENROUTER_LIST });
    const result = await listOne({
      provider: "openrouter",
      baseUrl: `${server.origin}/api/v1`,
      credential: KEY,
    });
    expect(result.models).toEqual([
      {
        id: "meta-llama/llama-3.3-70b-instruct:free",
        name: "Meta: Llama 3.3 70B Instruct (free)",
        contextWindow: 131_072,
        maxOutputTokens: 8192,
      },
      {
        id: "anthropic/claude-haiku-4.5",
        name: "Anthropic: Claude Haiku 4.5",
        contextWindow: 200_000,
        maxOutputTokens: 64_000,
      },
    ]);
  });

  it("Groq: context_window and max_completion_tokens", async () => {
    const server = await servePaths({ "/openai/v1/models": GROQ_LIST });
    const result = await listOne({
      provider: "groq",
      baseUrl: `${server.origin}/openai/v1`,
      credential: KEY,
    });
    expect(result.models).toEqual([
      { id: "openai/gpt-oss-120b", contextWindow: 131_072, maxOutputTokens: 65_536 },
    ]);
  });

  it("Together: a bare array with display_name and context_length", async () => {
    const server = await servePaths({ "/v1/models": TOGETHER_LIST });
    const result = await listOne({ provider: "together", baseUrl: `${server.origin}/v1`, credential: KEY });
    expect(result.models).toEqual([
      {
        id: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        name: "Meta Llama 3.3 70B Instruct Turbo",
        contextWindow: 131_072,
      },
    ]);
  });

  it("Mistral: name and max_context_length", async () => {
    const server = await servePaths({ "/v1/models": MISTRAL_LIST });
    const result = await listOne({ provider: "mistral", baseUrl: `${server.origin}/v1`, credential: KEY });
    expect(result.models).toEqual([
      { id: "mistral-small-latest", name: "mistral-small-2506", contextWindow: 131_072 },
    ]);
  });

  it("a base URL's query stays at the end (Azure's api-version)", async () => {
    const server = await servePaths({ "/openai/v1/models?api-version=2024-10-21": OPENAI_LIST });
    const result = await listOne({
      provider: "microsoft-foundry",
      baseUrl: `${server.origin}/openai/v1?api-version=2024-10-21`,
      credential: KEY,
    });
    expect(result.status).toBe("ok");
  });

  it("Anthropic: x-api-key and anthropic-version, limit=1000, the next page by after_id=<last_id>", async () => {
    const [first, second] = ANTHROPIC_PAGES;
    const server = await servePaths({
      "/v1/models?limit=1000": first,
      "/v1/models?limit=1000&after_id=claude-sonnet-4-5-20250929": second,
    });
    const result = await listOne({ provider: "anthropic", baseUrl: server.origin, credential: KEY });
    expect(result).toMatchObject({ status: "ok", api: "anthropic-messages" });
    expect(result.models).toEqual([
      { id: "claude-opus-4-6", name: "Claude Opus 4.6", contextWindow: 1_000_000, maxOutputTokens: 128_000 },
      { id: "claude-sonnet-4-5-20250929", name: "Claude Sonnet 4.5" },
      // Zeros mean "not said": left out.
      { id: "claude-haiku-4-5-20251001", name: "Claude Haiku 4.5" },
    ]);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers["x-api-key"]).toBe(KEY);
      expect(request.headers["anthropic-version"]).toBe("2023-06-01");
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it("Anthropic: a base URL that ends in /v1 is not given a second one", async () => {
    const server = await servePaths({ "/anthropic/v1/models?limit=1000": ANTHROPIC_PAGES[1] });
    const result = await listOne({
      provider: "minimax",
      baseUrl: `${server.origin}/anthropic/v1`,
      credential: KEY,
    });
    expect(result.status).toBe("ok");
  });

  it("Anthropic: a subscription token goes as a bearer with the OAuth betas, never as x-api-key", async () => {
    const token = "sk-ant-oat01-Zq8Wm3Xr5Tn7Yb2Kd4Lp6Hs9";
    const server = await servePaths({ "/v1/models?limit=1000": ANTHROPIC_PAGES[1] });
    const result = await listOne({
      provider: "anthropic",
      baseUrl: server.origin,
      credential: { type: "token", secret: token },
    });
    expect(result.status).toBe("ok");
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers["anthropic-beta"]).toBe("claude-code-20250219,oauth-2025-04-20");
    expect(request?.headers["x-api-key"]).toBeUndefined();
  });

  it("Gemini: x-goog-api-key (never in the URL), pageSize=1000, pageToken; the models/ prefix taken off", async () => {
    const [first, second] = GEMINI_PAGES;
    const token = encodeURIComponent(first?.nextPageToken ?? "");
    const server = await servePaths({
      "/v1beta/models?pageSize=1000": first,
      [`/v1beta/models?pageSize=1000&pageToken=${token}`]: second,
    });
    const result = await listOne({ provider: "google", baseUrl: `${server.origin}/v1beta`, credential: KEY });
    expect(result).toMatchObject({ status: "ok", api: "google-generative-ai" });
    expect(result.models).toEqual([
      { id: "gemini-2.5-flash", name: "Gemini 2.5 Flash", contextWindow: 1_048_576, maxOutputTokens: 65_536 },
      { id: "gemini-2.5-pro", name: "Gemini 2.5 Pro", contextWindow: 1_048_576, maxOutputTokens: 65_536 },
    ]);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers["x-goog-api-key"]).toBe(KEY);
      expect(request.path).not.toContain(KEY.slice(3, 12));
    }
  });

  it("Gemini: a bare host gets the v1beta path", async () => {
    const server = await servePaths({ "/v1beta/models?pageSize=1000": GEMINI_PAGES[1] });
    const result = await listOne({ provider: "google", baseUrl: server.origin, credential: KEY });
    expect(result.models.map((model) => model.id)).toEqual(["gemini-2.5-pro"]);
  });

  it("Ollama: GET /api/tags beside a /v1 base, without any key for a local server", async () => {
    const server = await servePaths({ "/api/tags": OLLAMA_TAGS });
    const result = await listOne({ provider: "ollama", baseUrl: `${server.origin}/v1` });
    expect(result).toMatchObject({ status: "ok", api: "ollama" });
    expect(result.models).toEqual([{ id: "llama3.2:latest" }, { id: "gemma3" }]);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("a model listed on two pages is kept once", async () => {
    const page = (next?: string) => ({
      models: [{ name: "models/gemini-2.5-flash" }],
      ...(next ? { nextPageToken: next } : {}),
    });
    const server = await servePaths({
      "/v1beta/models?pageSize=1000": page("p2"),
      "/v1beta/models?pageSize=1000&pageToken=p2": page(),
    });
    const result = await listOne({ provider: "google", baseUrl: `${server.origin}/v1beta`, credential: KEY });
    expect(result.models).toEqual([{ id: "gemini-2.5-flash" }]);
  });

  it("an empty list is a list: ok with no models", async () => {
    const server = await servePaths({ "/api/tags": { models: [] } });
    const result = await listOne({ provider: "ollama", baseUrl: server.origin });
    expect(result).toMatchObject({ status: "ok", models: [] });
  });
});

interface ErrorCase {
  readonly name: string;
  readonly target: Omit<LiveModelsTarget, "baseUrl">;
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  readonly expected: LiveModelsResult["status"];
  readonly providerCode?: string;
  readonly retryAfterMs?: number;
}

const openai = { provider: "openai", credential: KEY };
const openrouter = { provider: "openrouter", credential: KEY };
const anthropic = { provider: "anthropic", credential: KEY };
const google = { provider: "google", credential: KEY };
const ollamaCloud = { provider: "ollama", credential: { type: "token" as const, secret: KEY } };

const ERRORS: readonly ErrorCase[] = [
  {
    name: "OpenAI invalid key (401)",
    target: openai,
    status: 401,
    body: openAiError(
      "Incorrect API key provided: sk-live-***kB6.",
      "invalid_request_error",
      "invalid_api_key",
    ),
    expected: "auth",
    providerCode: "invalid_api_key",
  },
  {
    name: "OpenAI region not served (403)",
    target: openai,
    status: 403,
    body: openAiError(
      "Country, region, or territory not supported",
      "request_forbidden",
      "unsupported_country_region_territory",
    ),
    expected: "auth",
  },
  {
    name: "OpenAI rate limit (429)",
    target: openai,
    status: 429,
    body: openAiError("Rate limit reached for requests", "requests", "rate_limit_exceeded"),
    headers: { "retry-after-ms": "1500" },
    expected: "rate_limit",
    retryAfterMs: 1500,
  },
  {
    name: "OpenAI server error (500)",
    target: openai,
    status: 500,
    body: openAiError("The server had an error while processing your request.", "server_error", null),
    expected: "unknown",
  },
  {
    name: "OpenRouter no credentials (401)",
    target: openrouter,
    status: 401,
    body: { error: { code: 401, message: "No auth credentials found" } },
    expected: "auth",
  },
  {
    name: "OpenRouter out of credits (402)",
    target: openrouter,
    status: 402,
    body: {
      error: { code: 402, message: "Insufficient credits. Add more using https://openrouter.ai/settings" },
    },
    expected: "billing",
  },
  {
    name: "Anthropic invalid key (401)",
    target: anthropic,
    status: 401,
    body: anthropicError("authentication_error", "invalid x-api-key"),
    expected: "auth",
    providerCode: "authentication_error",
  },
  {
    name: "Anthropic permission (403)",
    target: anthropic,
    status: 403,
    body: anthropicError(
      "permission_error",
      "Your API key does not have permission to use the specified resource.",
    ),
    expected: "auth",
  },
  {
    name: "Anthropic rate limit (429)",
    target: anthropic,
    status: 429,
    body: anthropicError("rate_limit_error", "Number of requests has exceeded your per-minute rate limit."),
    headers: { "retry-after": "7" },
    expected: "rate_limit",
    providerCode: "rate_limit_error",
    retryAfterMs: 7000,
  },
  {
    name: "Anthropic internal error (500)",
    target: anthropic,
    status: 500,
    body: anthropicError("api_error", "Internal server error"),
    expected: "unknown",
    providerCode: "api_error",
  },
  {
    name: "Anthropic overloaded (529)",
    target: anthropic,
    status: 529,
    body: anthropicError("overloaded_error", "Overloaded"),
    expected: "overloaded",
  },
  {
    name: "Gemini invalid key (a 400)",
    target: google,
    status: 400,
    body: geminiError(
      400,
      "INVALID_ARGUMENT",
      "API key not valid. Please pass a valid API key.",
      "API_KEY_INVALID",
    ),
    expected: "auth",
    providerCode: "API_KEY_INVALID",
  },
  {
    name: "Gemini permission denied (403)",
    target: google,
    status: 403,
    body: geminiError(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers."),
    expected: "auth",
  },
  {
    name: "Gemini quota (429)",
    target: google,
    status: 429,
    body: geminiError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
    expected: "rate_limit",
  },
  {
    name: "Gemini internal error (500)",
    target: google,
    status: 500,
    body: geminiError(500, "INTERNAL", "An internal error has occurred."),
    expected: "unknown",
  },
  {
    name: "Ollama cloud, a bad token (401)",
    target: ollamaCloud,
    status: 401,
    body: { error: "unauthorized" },
    expected: "auth",
  },
  {
    name: "Ollama server error (500)",
    target: ollamaCloud,
    status: 500,
    body: { error: "llama runner process has terminated" },
    expected: "unknown",
  },
  {
    name: "a proxy's HTML error page (502)",
    target: openrouter,
    status: 502,
    body: "<html><body>Bad Gateway</body></html>",
    expected: "unknown",
  },
];

describe("failures in each provider's own error shape", () => {
  for (const error of ERRORS)
    it(`${error.name} → ${error.expected}`, async () => {
      const server = await serve((_request, response) => {
        if (typeof error.body === "string") {
          response.writeHead(error.status, { "content-type": "text/html", ...error.headers });
          response.end(error.body);
        } else sendJson(response, error.status, error.body, error.headers);
      });
      const result = await listOne({ ...error.target, baseUrl: server.origin });
      expect(result).toMatchObject({ status: error.expected, httpStatus: error.status, models: [] });
      expect(result.error).toMatch(new RegExp(`^HTTP ${error.status}: `));
      if (error.providerCode) expect(result.providerCode).toBe(error.providerCode);
      if (error.retryAfterMs !== undefined) expect(result.retryAfterMs).toBe(error.retryAfterMs);
      expect(leaksOf(JSON.stringify(result), KEY)).toEqual([]);
    });

  it("a 200 that is not the family's list → format / unexpected_reply", async () => {
    const server = await servePaths({ "/v1/models": { data: [{ name: "no id here" }] } });
    const result = await listOne({ provider: "openai", baseUrl: `${server.origin}/v1`, credential: KEY });
    expect(result).toMatchObject({ status: "format", reasonCode: "unexpected_reply", models: [] });
  });

  it("a 200 with an HTML page → format / unexpected_reply", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>Welcome to nginx</html>");
    });
    const result = await listOne({ provider: "openai", baseUrl: server.origin, credential: KEY });
    expect(result).toMatchObject({ status: "format", reasonCode: "unexpected_reply" });
  });

  it("Anthropic says has_more but gives no last_id → format / unexpected_reply", async () => {
    const server = await servePaths({ "/v1/models?limit=1000": { data: [{ id: "a" }], has_more: true } });
    const result = await listOne({ provider: "anthropic", baseUrl: server.origin, credential: KEY });
    expect(result).toMatchObject({ status: "format", reasonCode: "unexpected_reply", models: [] });
  });

  it("a refused connection → network / refused", async () => {
    const result = await listOne({ provider: "openai", baseUrl: await closedPortOrigin(), credential: KEY });
    expect(result).toMatchObject({ status: "network", reasonCode: "refused", models: [] });
  });
});

describe("bounded: redirects, size, pages and time", () => {
  it("a redirect is a failure and is not followed: the key never reaches the other host", async () => {
    const elsewhere = await servePaths({ "/v1/models": OPENAI_LIST });
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: `${elsewhere.origin}/v1/models` });
      response.end();
    });
    const result = await listOne({ provider: "openai", baseUrl: `${server.origin}/v1`, credential: KEY });
    expect(result).toMatchObject({ status: "unknown", reasonCode: "redirect", httpStatus: 302, models: [] });
    expect(result.error).toContain(elsewhere.origin);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("a page of models over the byte cap → format / body_too_large, the rest not read", async () => {
    const big = {
      data: Array.from({ length: 200 }, (_, index) => ({ id: `model-${index}`, object: "model" })),
    };
    const server = await servePaths({ "/models": big });
    const result = await listOne(
      { provider: "openai", baseUrl: server.origin, credential: KEY },
      { maxBytes: 1000 },
    );
    expect(result).toMatchObject({ status: "format", reasonCode: "body_too_large", models: [] });
  });

  it("pages that together pass the byte cap → format / body_too_large", async () => {
    const page = (after: string) => ({
      data: Array.from({ length: 8 }, (_, index) => ({ id: `claude-${after}-${index}`, type: "model" })),
      has_more: true,
      last_id: `${after}x`,
    });
    const server = await serve((request, response) =>
      sendJson(response, 200, page(new URL(request.path, "http://x").searchParams.get("after_id") ?? "a")),
    );
    const size = JSON.stringify(page("a")).length;
    const result = await listOne(
      { provider: "anthropic", baseUrl: server.origin, credential: KEY },
      { maxBytes: Math.floor(size * 2.5) },
    );
    expect(result).toMatchObject({ status: "format", reasonCode: "body_too_large", models: [] });
    expect(server.requests).toHaveLength(3);
  });

  it("more models than any real list → format / too_many_models", async () => {
    const server = await servePaths({
      "/models": { data: Array.from({ length: 10_001 }, (_, index) => ({ id: `m${index}` })) },
    });
    const result = await listOne({ provider: "openai", baseUrl: server.origin, credential: KEY });
    expect(result).toMatchObject({ status: "format", reasonCode: "too_many_models", models: [] });
  });

  it("more pages than maxPages → format / too_many_pages after exactly that many requests", async () => {
    let page = 0;
    const server = await serve((_request, response) => {
      page += 1;
      sendJson(response, 200, { models: [{ name: `models/m-${page}` }], nextPageToken: `t${page}` });
    });
    const result = await listOne(
      { provider: "google", baseUrl: `${server.origin}/v1beta`, credential: KEY },
      { maxPages: 3 },
    );
    expect(result).toMatchObject({ status: "format", reasonCode: "too_many_pages", models: [] });
    expect(server.requests).toHaveLength(3);
  });

  it("a page cursor that comes round again → format / pagination_loop", async () => {
    let page = 0;
    const server = await serve((_request, response) => {
      page += 1;
      sendJson(response, 200, {
        models: [{ name: `models/m-${page}` }],
        nextPageToken: page === 3 ? "t1" : `t${page}`,
      });
    });
    const result = await listOne({ provider: "google", baseUrl: `${server.origin}/v1beta`, credential: KEY });
    expect(result).toMatchObject({ status: "format", reasonCode: "pagination_loop", models: [] });
    expect(server.requests).toHaveLength(3);
  });

  it("a server that never answers → timeout at the deadline", async () => {
    const server = await serve(() => {});
    const result = await listOne(
      { provider: "openai", baseUrl: server.origin, credential: KEY },
      { timeoutMs: 300 },
    );
    expect(result).toMatchObject({ status: "timeout", reasonCode: "timeout", models: [] });
    expect(result.error).toContain("300 ms");
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it("one deadline for all the pages: a second page that hangs → timeout, no partial list", async () => {
    const server = await serve((request, response) => {
      if (!request.path.includes("after_id")) sendJson(response, 200, ANTHROPIC_PAGES[0]);
    });
    const result = await listOne(
      { provider: "anthropic", baseUrl: server.origin, credential: KEY },
      { timeoutMs: 400 },
    );
    expect(result).toMatchObject({ status: "timeout", models: [] });
    expect(result.error).toMatch(/did not finish within 400 ms/);
    expect(server.requests).toHaveLength(2);
  });
});

describe("decided before sending", () => {
  it("no credential, an unresolved ref, an expired token: nothing is sent", async () => {
    const server = await servePaths({ "/models": OPENAI_LIST });
    const now = Date.parse("2026-11-23T10:00:00Z");
    const results = await fetchLiveModels(
      [
        { provider: "openrouter", baseUrl: server.origin },
        {
          provider: "groq",
          baseUrl: server.origin,
          credential: { type: "unresolved", reason: "GROQ_API_KEY is not set" },
        },
        {
          provider: "anthropic",
          baseUrl: server.origin,
          credential: { type: "oauth", secret: "at-1", expiresAt: now - 1 },
        },
      ],
      { now },
    );
    expect(results.map((result) => [result.status, result.reasonCode])).toEqual([
      ["missing_credential", "missing_credential"],
      ["unresolved_ref", "unresolved_ref"],
      ["expired", "expired"],
    ]);
    expect(results.every((result) => result.models.length === 0)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it("a family without a model list → unknown / unsupported_api; a base URL with a password → invalid_base_url", async () => {
    const [copilot, withPassword] = await fetchLiveModels([
      { provider: "github-copilot", credential: KEY },
      { provider: "openai", baseUrl: "http://user:pw@127.0.0.1:9/v1", credential: KEY },
    ]);
    expect(copilot).toMatchObject({
      status: "unknown",
      reasonCode: "unsupported_api",
      api: "github-copilot",
    });
    expect(withPassword).toMatchObject({ status: "unknown", reasonCode: "invalid_base_url" });
    expect(withPassword?.error).not.toContain("pw");
  });

  it("two targets for one provider (in any spelling) are misuse: ProbeError INVALID_TARGET", async () => {
    const call = fetchLiveModels([
      { provider: "openrouter", credential: KEY },
      { provider: "OpenRouter", credential: KEY },
    ]);
    await expect(call).rejects.toSatisfy(
      (error: unknown) => ProbeError.isInstance(error) && error.code === "INVALID_TARGET",
    );
  });

  it("a bad option is misuse: ProbeError INVALID_OPTION naming it", async () => {
    await expect(fetchLiveModels([], { maxPages: 0 })).rejects.toThrow(/maxPages must be a positive integer/);
  });
});

describe("no secret in a result", () => {
  it("a server that echoes the key in its error, its models and its headers: none of it comes back", async () => {
    const encoded = Buffer.from(`user:${KEY}`).toString("base64");
    const errorServer = await serve((_request, response) =>
      sendJson(response, 429, openAiError(`Key ${KEY} (${encoded}) is rate limited`, "requests", KEY), {
        "retry-after": "20240917",
      }),
    );
    const listServer = await servePaths({
      "/models": {
        data: [
          { id: KEY },
          { id: `ft:${encodeURIComponent(KEY)}` },
          { id: "good-model", name: `for ${Buffer.from(KEY).toString("base64url")}` },
          { id: "digits", context_length: 20_240_917 },
          { id: "plain-model", name: "Plain Model" },
        ],
      },
    });
    // A key with a run of digits, which a number from the server repeats.
    const withDigits = `${KEY}20240917`;
    const [failed, listed] = await fetchLiveModels([
      { provider: "openai", baseUrl: errorServer.origin, credential: withDigits },
      { provider: "openrouter", baseUrl: listServer.origin, credential: withDigits },
    ]);
    expect(failed).toMatchObject({ status: "rate_limit" });
    expect(failed?.retryAfterMs).toBeUndefined();
    expect(listed?.models).toEqual([
      { id: "good-model" },
      { id: "digits" },
      { id: "plain-model", name: "Plain Model" },
    ]);
    const output = JSON.stringify([failed, listed]);
    expect(leaksOf(output, KEY)).toEqual([]);
    expect(output).not.toContain("20240917");
  });

  it("ids with control or invisible characters are dropped; such a name is left out", async () => {
    const server = await servePaths({
      "/models": {
        data: [
          { id: "evil\u001b[2Jmodel" },
          { id: "fake\u202emodel" },
          { id: "ok-model", name: "Looks \u200bfine" },
          { id: "x".repeat(300) },
        ],
      },
    });
    const result = await listOne({ provider: "openai", baseUrl: server.origin, credential: KEY });
    expect(result.models).toEqual([{ id: "ok-model" }]);
  });
});

describe("scheduling", () => {
  it("never has more than `concurrency` providers in flight; results in target order, each reported once", async () => {
    const total = 5;
    let open = 0;
    let peak = 0;
    const server = await serve((request, response) => {
      open += 1;
      peak = Math.max(peak, open);
      setTimeout(() => {
        open -= 1;
        sendJson(response, 200, { data: [{ id: request.path.split("/")[1] }] });
      }, 30);
    });
    const targets = Array.from({ length: total }, (_, index) => ({
      provider: `custom-${index}`,
      api: "openai-completions",
      baseUrl: `${server.origin}/p${index}`,
      credential: KEY,
    }));
    const seen: number[] = [];
    const results = await fetchLiveModels(targets, {
      concurrency: 2,
      onResult: (_result, index) => seen.push(index),
    });
    expect(peak).toBe(2);
    expect(results.map((result) => result.models[0]?.id)).toEqual(["p0", "p1", "p2", "p3", "p4"]);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("aborting stops the run: it rejects with the reason once nothing is in flight", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const run = fetchLiveModels(
      [
        { provider: "openai", baseUrl: server.origin, credential: KEY },
        { provider: "groq", baseUrl: server.origin, credential: KEY },
      ],
      { signal: controller.signal, concurrency: 1, onStart: () => controller.abort(new Error("stop")) },
    );
    await expect(run).rejects.toThrow("stop");
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });
});

describe("insecureLiveModelsTargets", () => {
  it("names the plain-http origins off this machine a listing would send a key to, and nothing else", () => {
    const lan = "http://192.168.1.20:8080";
    expect(
      insecureLiveModelsTargets([
        { provider: "vllm", baseUrl: `${lan}/v1`, credential: KEY },
        { provider: "ollama", baseUrl: "http://127.0.0.1:11434" },
        { provider: "lmstudio", baseUrl: `${lan}/v1` },
        { provider: "openrouter", credential: KEY },
        { provider: "litellm", baseUrl: `${lan}/proxy`, headers: { "x-litellm-key": KEY } },
        {
          provider: "groq",
          baseUrl: "http://10.0.0.9/v1",
          credential: { type: "unresolved", reason: "unset" },
        },
      ]),
    ).toEqual([{ origin: lan, targets: [0, 4] }]);
  });
});
