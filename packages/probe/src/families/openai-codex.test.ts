// OpenAI Codex through a ChatGPT sign-in, against a local server that speaks the ChatGPT backend's wire protocol:
// the request as the Codex CLI sends it, the reply as server-sent events, and the backend's error bodies.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { leaksOf } from "../../test/leaks.js";
import { sendJson, startServer, type TestServer } from "../../test/provider-server.js";
import { ProbeError } from "../errors.js";
import { probeOne } from "../probe.js";
import type { ProbeTarget } from "../target.js";

// A ChatGPT access token is a JWT; this one only looks like it.
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJjYW5hcnkiOiJjb2RleCJ9.Qm8xTq7Vz3Kc9Wd2Rf5Yh";
const ACCOUNT = "3f9a61c2-7b4e-4d18-a0c5-e2b8d7f41a96";
const MODEL = "gpt-5.1-codex-mini";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const target = (origin: string, extra: Partial<ProbeTarget> = {}): ProbeTarget => ({
  provider: "openai-codex",
  model: MODEL,
  profileId: "openai-codex:me@example.com",
  baseUrl: `${origin}/backend-api`,
  credential: { type: "oauth", secret: TOKEN, expiresAt: Date.now() + 3_600_000 },
  accountId: ACCOUNT,
  ...extra,
});

/** One event as the backend frames it: its name, and its JSON with the same `type`. */
const frame = (type: string, fields: Record<string, unknown> = {}) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;

const response = (fields: Record<string, unknown> = {}) => ({
  id: "resp_0a1b2c",
  object: "response",
  created_at: 1_795_430_000,
  status: "in_progress",
  model: MODEL,
  output: [],
  ...fields,
});

const USAGE = { input_tokens: 1234, output_tokens: 5, total_tokens: 1239 };

/** The events of a short answer, as the backend streams them. */
const ANSWER = [
  frame("response.created", { sequence_number: 0, response: response() }),
  frame("response.in_progress", { sequence_number: 1, response: response() }),
  frame("response.output_item.added", {
    sequence_number: 2,
    output_index: 0,
    item: { id: "msg_1", type: "message", status: "in_progress", role: "assistant", content: [] },
  }),
  frame("response.output_text.delta", {
    sequence_number: 3,
    item_id: "msg_1",
    output_index: 0,
    content_index: 0,
    delta: "OK",
  }),
  frame("response.completed", {
    sequence_number: 4,
    response: response({ status: "completed", usage: USAGE }),
  }),
];

function stream(reply: ServerResponse, frames: readonly string[], end = true): void {
  reply.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  for (const text of frames) reply.write(text);
  if (end) reply.end();
}

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  server = await startServer(handler);
  return server;
}

describe("openai-codex-responses: the request the Codex CLI sends", () => {
  it("POSTs …/codex/responses with the bearer token, the account id and Codex's headers", async () => {
    const { origin, requests } = await serve((_request, reply) => stream(reply, ANSWER));
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: "ok", api: "openai-codex-responses", httpStatus: 200 });
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/backend-api/codex/responses");
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers["chatgpt-account-id"]).toBe(ACCOUNT);
    expect(request?.headers["openai-beta"]).toBe("responses=experimental");
    expect(request?.headers.originator).toBe("codex_cli_rs");
    expect(request?.headers.accept).toBe("text/event-stream");
    expect(request?.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("sends instructions, the prompt as a message list, nothing stored, streaming on", async () => {
    const { origin, requests } = await serve((_request, reply) => stream(reply, ANSWER));
    await probeOne(target(origin));
    const body = requests[0]?.json as Record<string, unknown>;
    expect(body).toMatchObject({
      model: MODEL,
      instructions: expect.any(String),
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: expect.any(String) }] }],
      store: false,
      stream: true,
    });
  });

  it("sends none of the knobs the backend rejects (max_output_tokens, temperature, reasoning effort)", async () => {
    const { origin, requests } = await serve((_request, reply) => stream(reply, ANSWER));
    await probeOne(target(origin), { maxTokens: 64 });
    const body = requests[0]?.json as Record<string, unknown>;
    for (const key of ["max_output_tokens", "max_tokens", "temperature", "top_p", "reasoning", "metadata"])
      expect(body).not.toHaveProperty(key);
  });

  it("without an account id nothing is sent: missing_credential, saying what to do", async () => {
    const { origin, requests } = await serve((_request, reply) => stream(reply, ANSWER));
    const result = await probeOne(target(origin, { accountId: undefined }));
    expect(result).toMatchObject({ status: "missing_credential", reasonCode: "missing_credential" });
    expect(result.error).toMatch(/account id/);
    expect(result.error).toMatch(/sign in again/);
    expect(requests).toHaveLength(0);
  });

  it("an account id that could not go into a header is misuse, and the message does not repeat it", async () => {
    const bad = `${ACCOUNT}\r\nx-injected: 1`;
    const probing = probeOne(target("http://127.0.0.1:9", { accountId: bad }));
    await expect(probing).rejects.toBeInstanceOf(ProbeError);
    await expect(probing).rejects.toMatchObject({ code: "INVALID_TARGET" });
    await expect(probing).rejects.not.toThrow(ACCOUNT);
  });

  it("goes to the provider table's ChatGPT backend when no base URL is given", async () => {
    const { endpointOf } = await import("../endpoint.js");
    const { checkTarget } = await import("../options.js");
    const { baseUrl: _, ...rest } = target("http://unused");
    const endpoint = endpointOf(checkTarget(rest, 0));
    expect("url" in endpoint && endpoint.url.href).toBe("https://chatgpt.com/backend-api");
  });
});

describe("openai-codex-responses: reading the event stream", () => {
  it("the first piece of the answer is enough: ok, and the rest of the stream is not waited for", async () => {
    let closed = false;
    const { origin } = await serve((_request, reply) => {
      reply.on("close", () => {
        closed = true;
      });
      // The answer's first delta, then a stream that never ends: only stopping at the delta gives ok.
      stream(reply, ANSWER.slice(0, 4), false);
    });
    const result = await probeOne(target(origin), { timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: "ok", httpStatus: 200 });
    expect(result.usage).toBeUndefined();
    await expect.poll(() => closed).toBe(true);
  });

  it("an answer that completes without text still counts, with the usage of response.completed", async () => {
    const { origin } = await serve((_request, reply) =>
      stream(reply, [ANSWER[0] as string, ANSWER[4] as string]),
    );
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({
      status: "ok",
      usage: { inputTokens: 1234, outputTokens: 5, totalTokens: 1239 },
    });
  });

  it("events split anywhere across reads, with CRLF line endings, are still read", async () => {
    const text = ANSWER.join("").replace(/\n/g, "\r\n");
    const { origin } = await serve(async (_request, reply) => {
      reply.writeHead(200, { "content-type": "text/event-stream" });
      for (let at = 0; at < text.length; at += 7) {
        reply.write(text.slice(at, at + 7));
        await new Promise((resolve) => setImmediate(resolve));
      }
      reply.end();
    });
    expect((await probeOne(target(origin))).status).toBe("ok");
  });

  it("a stream that ends before the model answers → format / incomplete_stream", async () => {
    const { origin } = await serve((_request, reply) => stream(reply, ANSWER.slice(0, 3)));
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: "format", reasonCode: "incomplete_stream", httpStatus: 200 });
    expect(result.error).toMatch(/ended before the model answered/);
  });

  it("a stream with no answer within the byte cap → format / body_too_large, the rest not downloaded", async () => {
    let closed = false;
    const { origin } = await serve((_request, reply) => {
      reply.on("close", () => {
        closed = true;
      });
      reply.writeHead(200, { "content-type": "text/event-stream" });
      reply.write(ANSWER[0] as string);
      const reasoning = frame("response.reasoning_summary_text.delta", { delta: "thinking ".repeat(200) });
      const tick = setInterval(() => reply.write(reasoning), 1);
      reply.on("close", () => clearInterval(tick));
    });
    const result = await probeOne(target(origin), { maxResponseBytes: 16 * 1024, timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: "format", reasonCode: "body_too_large" });
    await expect.poll(() => closed).toBe(true);
  });

  it("a body that is not an event stream at all → format / unexpected_reply", async () => {
    const { origin } = await serve((_request, reply) => {
      reply.writeHead(200, { "content-type": "text/html" });
      reply.end("<html><body>Just a moment…</body></html>");
    });
    expect(await probeOne(target(origin))).toMatchObject({
      status: "format",
      reasonCode: "unexpected_reply",
    });
  });

  it("a server that ignores stream and answers with the whole response object → ok, with its usage", async () => {
    const { origin } = await serve((_request, reply) =>
      sendJson(reply, 200, response({ status: "completed", usage: USAGE })),
    );
    expect(await probeOne(target(origin))).toMatchObject({ status: "ok", usage: { totalTokens: 1239 } });
  });
});

describe("openai-codex-responses: failures inside the stream", () => {
  const failed = (error: Record<string, unknown>) => [
    ANSWER[0] as string,
    frame("response.failed", { sequence_number: 1, response: response({ status: "failed", error }) }),
  ];

  it.each([
    [
      "usage limit",
      { code: "usage_limit_reached", message: "The usage limit has been reached" },
      "rate_limit",
    ],
    [
      "rate limit",
      { code: "rate_limit_exceeded", message: "Rate limit reached for gpt-5.1-codex-mini." },
      "rate_limit",
    ],
    ["quota", { code: "insufficient_quota", message: "You exceeded your current quota." }, "billing"],
    [
      "plan without Codex",
      { code: "usage_not_included", message: "Upgrade to Plus to use Codex." },
      "billing",
    ],
    [
      "overloaded",
      { code: "server_is_overloaded", message: "Our servers are currently overloaded." },
      "overloaded",
    ],
  ])("response.failed, %s → %s", async (_name, error, status) => {
    const { origin } = await serve((_request, reply) => stream(reply, failed(error)));
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({
      status,
      reasonCode: "error_in_stream",
      providerCode: error.code,
      httpStatus: 200,
    });
    expect(result.error).toContain(error.message);
  });

  it("an error event (the backend's own framing) is read the same way", async () => {
    const { origin } = await serve((_request, reply) =>
      stream(reply, [
        frame("error", {
          code: "rate_limit_exceeded",
          message: "Rate limit reached. Please try again in 11s.",
        }),
      ]),
    );
    expect(await probeOne(target(origin))).toMatchObject({
      status: "rate_limit",
      reasonCode: "error_in_stream",
      providerCode: "rate_limit_exceeded",
    });
  });

  it("the stream's failure text cannot drive a terminal nor repeat the token or the account id", async () => {
    const { origin } = await serve((_request, reply) =>
      stream(
        reply,
        failed({
          code: "invalid_prompt",
          message: `\x1b]52;c;cm0gLXJmIH4=\x07token ${TOKEN} account ${ACCOUNT} \u202etxt.exe`,
        }),
      ),
    );
    const result = await probeOne(target(origin));
    const text = JSON.stringify(result);
    expect(result.error).not.toMatch(/[\p{Cc}\u202a-\u202e]/u);
    expect(result.error).toContain("\\x1b]52");
    expect(leaksOf(text, TOKEN)).toEqual([]);
    expect(leaksOf(text, ACCOUNT)).toEqual([]);
  });
});

describe("openai-codex-responses: the backend's error replies", () => {
  it.each([
    {
      name: "an expired access token",
      status: 401,
      body: {
        error: {
          message: "Provided authentication token is expired. Please try signing in again.",
          type: null,
          code: "token_expired",
          param: null,
        },
        status: 401,
      },
      expected: "auth",
      providerCode: "token_expired",
    },
    {
      name: "a token for another account",
      status: 403,
      body: { detail: "Account id does not match the access token." },
      expected: "auth",
    },
    {
      name: "a model the plan does not serve",
      status: 400,
      body: {
        detail: "The 'gpt-5.1-codex-mini' model is not supported when using Codex with a ChatGPT account.",
      },
      expected: "format",
    },
    {
      name: "a parameter the backend rejects",
      status: 400,
      body: { detail: "Unsupported parameter: max_output_tokens" },
      expected: "format",
    },
    {
      name: "the plan does not include Codex",
      status: 429,
      body: { error: { type: "usage_not_included", message: "Upgrade to Plus to continue using Codex." } },
      expected: "billing",
      providerCode: "usage_not_included",
    },
    {
      name: "overloaded",
      status: 503,
      body: { error: { code: "server_is_overloaded", message: "Our servers are currently overloaded." } },
      expected: "overloaded",
    },
    {
      name: "an internal error",
      status: 500,
      body: { detail: "Internal Server Error" },
      expected: "unknown",
    },
  ])("$name: HTTP $status → $expected", async ({ status, body, expected, providerCode }) => {
    const { origin } = await serve((_request, reply) => sendJson(reply, status, body));
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: expected, httpStatus: status });
    if (providerCode) expect(result.providerCode).toBe(providerCode);
    const message = "detail" in body ? body.detail : body.error.message;
    expect(result.error).toContain(message);
  });

  it("a used-up plan window (429 usage_limit_reached) → rate_limit, waiting until it resets", async () => {
    const { origin } = await serve((_request, reply) =>
      sendJson(reply, 429, {
        error: {
          type: "usage_limit_reached",
          message: "The usage limit has been reached",
          plan_type: "plus",
          resets_at: 1_795_433_600,
          resets_in_seconds: 3600,
        },
      }),
    );
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({
      status: "rate_limit",
      httpStatus: 429,
      providerCode: "usage_limit_reached",
      retryAfterMs: 3_600_000,
    });
  });

  it("a usage-limit body with only resets_at waits until then", async () => {
    const resetsAt = Math.floor(Date.now() / 1000) + 7200;
    const { origin } = await serve((_request, reply) =>
      sendJson(reply, 429, { error: { type: "usage_limit_reached", plan_type: "pro", resets_at: resetsAt } }),
    );
    const result = await probeOne(target(origin));
    expect(result.status).toBe("rate_limit");
    expect(result.retryAfterMs).toBeGreaterThan(7_000_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(7_200_000);
  });

  it("a redirect is not followed: the token and the account id stay with the backend", async () => {
    const { origin, requests } = await serve((_request, reply) => {
      reply.writeHead(302, { location: "https://auth.example.net/login" });
      reply.end();
    });
    const result = await probeOne(target(origin));
    expect(result).toMatchObject({ status: "unknown", reasonCode: "redirect", httpStatus: 302 });
    expect(requests).toHaveLength(1);
  });

  it("error bodies that echo the token and the account id, raw or encoded, never bring them back", async () => {
    const echo = `Bearer ${TOKEN} for ${ACCOUNT} (${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")})`;
    const { origin } = await serve((_request, reply) =>
      sendJson(reply, 401, { error: { message: echo, code: ACCOUNT } }, { "x-ratelimit-account": ACCOUNT }),
    );
    const result = await probeOne(target(origin));
    expect(result.status).toBe("auth");
    const text = JSON.stringify(result);
    expect(leaksOf(text, TOKEN)).toEqual([]);
    expect(leaksOf(text, ACCOUNT)).toEqual([]);
  });
});
