// Gemini through a Gemini CLI sign-in, against a local server that speaks Code Assist's wire protocol: the request as
// the Gemini CLI's converter shapes it, the reply wrapped in `response`, and the error bodies Google sends.
import { getProvider } from "@modelctl/model-ref";
import { afterEach, describe, expect, it } from "vitest";
import { leaksOf } from "../../test/leaks.js";
import { sendJson, startServer, type TestServer } from "../../test/provider-server.js";
import { endpointOf } from "../endpoint.js";
import { ProbeError } from "../errors.js";
import { checkTarget } from "../options.js";
import { probeOne } from "../probe.js";
import type { ProbeTarget } from "../target.js";
import { PROBE_PROMPT } from "./family.js";

// A Google OAuth access token only looks like this one; the project is the kind Google provisions for the free tier.
const TOKEN = "ya29.a0AfB_byC4nAryT0kEn-9qLm2Zx7Rw3Vt5Ys8Pk1Jh6Gd0Fc";
const PROJECT = "rising-fact-p41fc";
const MODEL = "gemini-2.5-flash";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const target = (origin: string, extra: Partial<ProbeTarget> = {}): ProbeTarget => ({
  provider: "google-gemini-cli",
  model: MODEL,
  profileId: "google-gemini-cli:me@example.com",
  baseUrl: origin,
  credential: { type: "oauth", secret: TOKEN, expiresAt: Date.now() + 3_600_000 },
  projectId: PROJECT,
  ...extra,
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  server = await startServer(handler);
  return server;
}

/** A Code Assist reply: the generateContent reply in `response`, beside the trace id. */
const REPLY = {
  response: {
    candidates: [
      { content: { role: "model", parts: [{ text: "OK" }] }, finishReason: "STOP", avgLogprobs: -0.0123 },
    ],
    usageMetadata: {
      promptTokenCount: 9,
      candidatesTokenCount: 1,
      totalTokenCount: 10,
      trafficType: "PROVISIONED_THROUGHPUT",
    },
    modelVersion: MODEL,
    createTime: "2026-11-23T10:00:00.123456Z",
    responseId: "b1c2d3e4f5a6b7c8",
  },
  traceId: "9f0e1d2c3b4a5968",
};

/** Google's error body: `google.rpc.Status` with its details. */
const googleError = (code: number, status: string, message: string, details: unknown[] = []) => ({
  error: { code, message, status, ...(details.length > 0 ? { details } : {}) },
});
const errorInfo = (reason: string, domain: string, metadata: Record<string, string> = {}) => ({
  "@type": "type.googleapis.com/google.rpc.ErrorInfo",
  reason,
  domain,
  metadata,
});
const retryInfo = (retryDelay: string) => ({
  "@type": "type.googleapis.com/google.rpc.RetryInfo",
  retryDelay,
});

const SERVICE_DISABLED = googleError(
  403,
  "PERMISSION_DENIED",
  `Gemini for Google Cloud API has not been used in project ${PROJECT} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/cloudaicompanion.googleapis.com/overview?project=${PROJECT} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`,
  [
    errorInfo("SERVICE_DISABLED", "googleapis.com", {
      serviceTitle: "Gemini for Google Cloud API",
      consumer: `projects/${PROJECT}`,
      containerInfo: PROJECT,
      service: "cloudaicompanion.googleapis.com",
      activationUrl: `https://console.developers.google.com/apis/api/cloudaicompanion.googleapis.com/overview?project=${PROJECT}`,
    }),
  ],
);

/** Everything a result holds, as one string, for the canaries. */
const leaks = (result: unknown) => {
  const text = JSON.stringify(result);
  return [...leaksOf(text, TOKEN), ...leaksOf(text, PROJECT)];
};

describe("google-gemini-cli: the request the Gemini CLI sends", () => {
  it("POSTs {baseUrl}/v1internal:generateContent with the OAuth token and the Code Assist client headers", async () => {
    const { origin, requests } = await serve((_request, reply) => sendJson(reply, 200, REPLY));
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({
      status: "ok",
      api: "google-gemini-cli",
      httpStatus: 200,
      usage: { inputTokens: 9, outputTokens: 1, totalTokens: 10 },
    });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1internal:generateContent");
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "user-agent": "google-cloud-sdk vscode_cloudshelleditor/0.1",
      "x-goog-api-client": "gl-node/22.17.0",
      accept: "application/json",
    });
    expect(JSON.parse(String(request?.headers["client-metadata"]))).toEqual({
      ideType: "IDE_UNSPECIFIED",
      platform: "PLATFORM_UNSPECIFIED",
      pluginType: "GEMINI",
    });
    expect(request?.headers["content-type"]).toMatch(/^application\/json/);
    // The token travels only as the bearer: never in the URL, where logs would keep it.
    expect(request?.path).not.toContain(TOKEN);
  });

  it("sends the model, the project and the generateContent request, thinking off, nothing else", async () => {
    const { origin, requests } = await serve((_request, reply) => sendJson(reply, 200, REPLY));
    await probeOne(target(origin));
    expect(requests[0]?.json).toEqual({
      model: MODEL,
      project: PROJECT,
      request: {
        contents: [{ role: "user", parts: [{ text: PROBE_PROMPT }] }],
        generationConfig: { maxOutputTokens: 8, thinkingConfig: { thinkingBudget: 0 } },
      },
    });
  });

  it("asks Gemini 3 for its lowest thinking level and leaves models that cannot turn it off alone", async () => {
    const { origin, requests } = await serve((_request, reply) => sendJson(reply, 200, REPLY));
    await probeOne(target(origin, { model: "gemini-3-pro-preview" }), { maxTokens: 3 });
    await probeOne(target(origin, { model: "models/gemini-2.5-pro" }));
    const [three, pro] = requests.map(
      (request) => request.json as { model: string; request: { generationConfig: unknown } },
    );
    expect(three?.request.generationConfig).toEqual({
      maxOutputTokens: 3,
      thinkingConfig: { thinkingLevel: "low" },
    });
    expect(pro?.model).toBe("gemini-2.5-pro");
    expect(pro?.request.generationConfig).toEqual({ maxOutputTokens: 8 });
  });

  it("takes a base URL written with the API version (…/v1internal) as the host", async () => {
    const { origin, requests } = await serve((_request, reply) => sendJson(reply, 200, REPLY));
    expect((await probeOne(target(origin, { baseUrl: `${origin}/v1internal` }))).status).toBe("ok");
    expect(requests[0]?.path).toBe("/v1internal:generateContent");
  });

  it("goes to Code Assist (the provider table's google-gemini-cli row) when no base URL is given", () => {
    expect(getProvider("google-gemini-cli")).toMatchObject({
      api: "google-gemini-cli",
      baseUrl: "https://cloudcode-pa.googleapis.com",
      probeModel: "gemini-2.5-flash",
      authMethods: ["oauth"],
    });
    const { baseUrl: _, ...rest } = target("http://unused");
    const endpoint = endpointOf(checkTarget(rest, 0));
    expect("url" in endpoint && endpoint.url.origin).toBe("https://cloudcode-pa.googleapis.com");
  });

  it("without the login's project nothing is sent: missing_credential, saying to sign in again", async () => {
    const { origin, requests } = await serve((_request, reply) => sendJson(reply, 200, REPLY));
    const result = await probeOne(target(origin, { projectId: undefined }));
    expect(result).toMatchObject({ status: "missing_credential", reasonCode: "missing_credential" });
    expect(result.error).toMatch(/projectId/);
    expect(result.error).toMatch(/sign in again/);
    expect(requests).toHaveLength(0);
  });

  it("a project id that could not travel as given is misuse, and the message does not repeat it", async () => {
    const bad = `${PROJECT}\r\nx-injected: 1`;
    const probing = probeOne(target("http://127.0.0.1:9", { projectId: bad }));
    await expect(probing).rejects.toBeInstanceOf(ProbeError);
    await expect(probing).rejects.toMatchObject({ code: "INVALID_TARGET" });
    await expect(probing).rejects.not.toThrow(PROJECT);
  });

  it("an expired access token is reported without sending (a refresh gets a new one)", async () => {
    const { origin, requests } = await serve((_request, reply) => sendJson(reply, 200, REPLY));
    const result = await probeOne(
      target(origin, { credential: { type: "oauth", secret: TOKEN, expiresAt: Date.now() - 1000 } }),
    );
    expect(result.status).toBe("expired");
    expect(requests).toHaveLength(0);
  });
});

describe("google-gemini-cli: reading the reply", () => {
  it("an answer cut short by the token limit still came from the model: ok", async () => {
    const { origin } = await serve((_request, reply) =>
      sendJson(reply, 200, {
        response: {
          candidates: [{ content: { role: "model" }, finishReason: "MAX_TOKENS" }],
          usageMetadata: { promptTokenCount: 9, totalTokenCount: 17, thoughtsTokenCount: 8 },
        },
        traceId: "0a1b2c3d",
      }),
    );
    expect(await probeOne(target(origin))).toMatchObject({
      status: "ok",
      usage: { inputTokens: 9, totalTokens: 17 },
    });
  });

  it.each([
    ["a plain generateContent reply (not wrapped in response)", { candidates: REPLY.response.candidates }],
    ["a body with only a trace id", { traceId: "9f0e1d2c3b4a5968" }],
    ["a response that is not an object", { response: "OK" }],
  ])("%s → format / unexpected_reply", async (_name, body) => {
    const { origin } = await serve((_request, reply) => sendJson(reply, 200, body));
    expect(await probeOne(target(origin))).toMatchObject({
      status: "format",
      reasonCode: "unexpected_reply",
      httpStatus: 200,
    });
  });

  it("a sign-in page instead of JSON → format / unexpected_reply", async () => {
    const { origin } = await serve((_request, reply) => {
      reply.writeHead(200, { "content-type": "text/html" });
      reply.end("<html><body>Sign in - Google Accounts</body></html>");
    });
    expect(await probeOne(target(origin))).toMatchObject({
      status: "format",
      reasonCode: "unexpected_reply",
    });
  });

  it("a reply larger than the cap is not read to its end → format / body_too_large", async () => {
    const { origin } = await serve((_request, reply) => {
      reply.writeHead(200, { "content-type": "application/json" });
      reply.end(`{"response":{"candidates":[{"content":{"parts":[{"text":"${"OK ".repeat(20_000)}"}]}}]}}`);
    });
    expect(await probeOne(target(origin), { maxResponseBytes: 4096 })).toMatchObject({
      status: "format",
      reasonCode: "body_too_large",
    });
  });
});

describe("google-gemini-cli: Code Assist's error replies", () => {
  it.each([
    {
      name: "an expired or revoked access token",
      status: 401,
      body: googleError(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        [
          errorInfo("ACCESS_TOKEN_EXPIRED", "googleapis.com", {
            service: "cloudcode-pa.googleapis.com",
            method: "google.internal.cloud.code.v1internal.CloudCode.GenerateContent",
          }),
        ],
      ),
      expected: "auth",
      providerCode: "ACCESS_TOKEN_EXPIRED",
    },
    {
      name: "the Cloud AI Companion API not enabled for the project",
      status: 403,
      body: SERVICE_DISABLED,
      expected: "auth",
      providerCode: "SERVICE_DISABLED",
    },
    {
      name: "an account without access to the project",
      status: 403,
      body: googleError(
        403,
        "PERMISSION_DENIED",
        "Permission 'cloudaicompanion.companions.generateChat' denied on resource '//cloudaicompanion.googleapis.com/projects/my-project/locations/global' (or it may not exist).",
        [
          errorInfo("IAM_PERMISSION_DENIED", "cloudaicompanion.googleapis.com", {
            permission: "cloudaicompanion.companions.generateChat",
          }),
        ],
      ),
      expected: "auth",
      providerCode: "IAM_PERMISSION_DENIED",
    },
    {
      name: "the plan's quota used up",
      status: 429,
      body: googleError(
        429,
        "RESOURCE_EXHAUSTED",
        "You have exhausted your capacity on this model. Your quota will reset after 19h9m0s.",
        [
          errorInfo("QUOTA_EXHAUSTED", "cloudcode-pa.googleapis.com", { uiMessage: "true", model: MODEL }),
          retryInfo("68940s"),
        ],
      ),
      expected: "rate_limit",
      providerCode: "QUOTA_EXHAUSTED",
      retryAfterMs: 68_940_000,
    },
    {
      name: "a per-minute rate limit",
      status: 429,
      body: googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", [
        errorInfo("RATE_LIMIT_EXCEEDED", "cloudcode-pa.googleapis.com", { model: MODEL }),
        retryInfo("34.074824224s"),
      ]),
      expected: "rate_limit",
      providerCode: "RATE_LIMIT_EXCEEDED",
      retryAfterMs: 34_075,
    },
    {
      name: "a rate limit without details",
      status: 429,
      body: googleError(
        429,
        "RESOURCE_EXHAUSTED",
        "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.",
      ),
      expected: "rate_limit",
    },
    {
      name: "no capacity left on the model for anyone",
      status: 429,
      body: googleError(
        429,
        "RESOURCE_EXHAUSTED",
        "No capacity available for model gemini-2.5-flash on the server",
        [errorInfo("MODEL_CAPACITY_EXHAUSTED", "cloudcode-pa.googleapis.com", { model: MODEL })],
      ),
      expected: "overloaded",
      providerCode: "MODEL_CAPACITY_EXHAUSTED",
    },
    {
      name: "an overloaded model",
      status: 503,
      body: googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
      expected: "overloaded",
    },
    {
      name: "an internal error",
      status: 500,
      body: googleError(500, "INTERNAL", "Internal error encountered."),
      expected: "unknown",
    },
    {
      name: "a model Code Assist does not serve",
      status: 404,
      body: googleError(404, "NOT_FOUND", "Requested entity was not found."),
      expected: "format",
    },
    {
      name: "a request it cannot read",
      status: 400,
      body: googleError(400, "INVALID_ARGUMENT", "Request contains an invalid argument."),
      expected: "format",
    },
  ])("$name: HTTP $status → $expected", async ({ status, body, expected, providerCode, retryAfterMs }) => {
    const { origin } = await serve((_request, reply) => sendJson(reply, status, body));
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: expected, httpStatus: status, api: "google-gemini-cli" });
    if (providerCode) expect(result.providerCode).toBe(providerCode);
    expect(result.retryAfterMs).toBe(retryAfterMs);
    expect(result.error).toMatch(new RegExp(`^HTTP ${status}: `));
    expect(leaks(result)).toEqual([]);
  });

  it("the API-not-enabled message keeps its advice and loses the project id", async () => {
    const { origin } = await serve((_request, reply) => sendJson(reply, 403, SERVICE_DISABLED));
    const result = await probeOne(target(origin));
    expect(result.error).toContain("Gemini for Google Cloud API has not been used in project");
    expect(result.error).toContain("[redacted]");
    expect(result.error).not.toContain(PROJECT);
  });

  it("an error sent as Google's streaming endpoints send it, inside [ ], is read the same way", async () => {
    const { origin } = await serve((_request, reply) => sendJson(reply, 403, [SERVICE_DISABLED]));
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: "auth", providerCode: "SERVICE_DISABLED" });
    expect(result.error).toMatch(/^HTTP 403: Gemini for Google Cloud API has not been used/);
  });

  it("a retry-after header wins over the body's RetryInfo", async () => {
    const { origin } = await serve((_request, reply) =>
      sendJson(
        reply,
        429,
        googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted.", [retryInfo("68940s")]),
        { "retry-after": "7" },
      ),
    );
    expect(await probeOne(target(origin))).toMatchObject({ status: "rate_limit", retryAfterMs: 7000 });
  });

  it.each(["soon", "-5s", "1e9s", "12", "3.5m", ""])(
    "a RetryInfo delay of %j is no delay at all",
    async (delay) => {
      const { origin } = await serve((_request, reply) =>
        sendJson(
          reply,
          429,
          googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted.", [retryInfo(delay)]),
        ),
      );
      const result = await probeOne(target(origin));
      expect(result.status).toBe("rate_limit");
      expect(result).not.toHaveProperty("retryAfterMs");
    },
  );

  it("an error page that is not JSON is judged by its status, its text kept to one line", async () => {
    const { origin } = await serve((_request, reply) => {
      reply.writeHead(403, { "content-type": "text/html" });
      reply.end(
        "<html>\n<title>403 Forbidden</title>\n<body>Your client does not have permission.</body></html>",
      );
    });
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: "auth", httpStatus: 403 });
    expect(result.error).not.toMatch(/\n/);
  });
});

describe("google-gemini-cli: time, redirects and hostile servers", () => {
  it("a server that never answers → timeout", async () => {
    const { origin } = await serve(() => {});
    expect(await probeOne(target(origin), { timeoutMs: 200 })).toMatchObject({
      status: "timeout",
      reasonCode: "timeout",
    });
  });

  it("a redirect is not followed: the token and the project stay with the server that was asked", async () => {
    const { origin, requests } = await serve((_request, reply) => {
      reply.writeHead(302, { location: "https://accounts.google.example/ServiceLogin" });
      reply.end();
    });
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: "unknown", reasonCode: "redirect", httpStatus: 302 });
    expect(requests).toHaveLength(1);
  });

  it("error text that echoes the token and the project, raw or encoded, never brings them back", async () => {
    const echo = `Bearer ${TOKEN} on projects/${PROJECT} (${Buffer.from(`${PROJECT}:${TOKEN}`).toString("base64")}; ${encodeURIComponent(PROJECT)})`;
    const { origin } = await serve((_request, reply) =>
      sendJson(
        reply,
        401,
        googleError(401, "UNAUTHENTICATED", echo, [errorInfo(PROJECT, "googleapis.com")]),
        { "x-ratelimit-project": PROJECT },
      ),
    );
    const result = await probeOne(target(origin));
    expect(result.status).toBe("auth");
    expect(leaks(result)).toEqual([]);
  });

  it("error text cannot drive a terminal: control and direction characters come back as escapes", async () => {
    const { origin } = await serve((_request, reply) =>
      sendJson(
        reply,
        400,
        googleError(
          400,
          "INVALID_ARGUMENT",
          "\x1b]52;c;cm0gLXJmIH4=\x07bad request \u202etxt.exe\r\nline two",
        ),
      ),
    );
    const result = await probeOne(target(origin));
    expect(result.status).toBe("format");
    expect(result.error).not.toMatch(/[\p{Cc}\u202a-\u202e]/u);
    expect(result.error).toContain("\\x1b]52");
  });
});
