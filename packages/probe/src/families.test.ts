// Each family's request as the provider's server receives it, and each family's success reply read back.
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../test/provider-server.js";
import { FAMILIES, type Family, SUCCESS, SUCCESS_USAGE } from "../test/wire.js";
import { probeOne } from "./probe.js";

const KEY = "sk-canary-7f3a9c2e1b5d4f60";
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MODEL: Record<Family, string> = {
  "openai-completions": "meta-llama/llama-3.3-70b-instruct:free",
  "openai-responses": "gpt-5.2",
  "anthropic-messages": "claude-haiku-4-5",
  "google-generative-ai": "gemini-2.5-flash-lite",
  ollama: "llama3.2",
};

async function probeFamily(family: Family, options: { type?: "api_key" | "token"; maxTokens?: number } = {}) {
  server = await startServer((_request, response) =>
    sendJson(response, 200, SUCCESS[family], { "x-ratelimit-remaining-requests": "99" }),
  );
  const result = await probeOne(
    {
      provider: "custom",
      api: family,
      baseUrl: `${server.origin}/base`,
      model: MODEL[family],
      credential: { type: options.type ?? "api_key", secret: KEY },
    },
    options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens },
  );
  const [request] = server.requests;
  if (!request) throw new Error("the server received no request");
  return { result, request, body: request.json as Record<string, unknown> };
}

describe("request shape per API family", () => {
  it("OpenAI chat completions: bearer key, one user message, max_tokens raised to 16", async () => {
    const { request, body } = await probeFamily("openai-completions", { maxTokens: 1 });
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/base/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
    expect(body).toMatchObject({
      model: MODEL["openai-completions"],
      max_tokens: 16,
      stream: false,
      messages: [{ role: "user", content: expect.any(String) }],
    });
  });

  it("OpenAI chat completions with an OpenAI reasoning model: max_completion_tokens and the lowest effort", async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 200, SUCCESS["openai-completions"]),
    );
    for (const [model, effort] of [
      ["o4-mini", "low"],
      ["gpt-5-mini", "minimal"],
      ["gpt-5.2", "none"],
    ] as const) {
      await probeOne({
        provider: "openai",
        api: "openai-completions",
        baseUrl: server.origin,
        model,
        credential: { type: "api_key", secret: KEY },
      });
      const body = server.requests.at(-1)?.json as Record<string, unknown>;
      expect(body).toMatchObject({ model, max_completion_tokens: 16, reasoning_effort: effort });
      expect(body).not.toHaveProperty("max_tokens");
    }
  });

  it("OpenAI responses: max_output_tokens ≥ 16, nothing stored, lowest reasoning effort for reasoning models", async () => {
    const { request, body } = await probeFamily("openai-responses");
    expect(request.path).toBe("/base/responses");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(body).toMatchObject({
      model: "gpt-5.2",
      max_output_tokens: 16,
      store: false,
      reasoning: { effort: "none" },
    });
    expect(typeof body.input).toBe("string");
  });

  it("Anthropic messages: x-api-key and anthropic-version for a key, the requested max_tokens", async () => {
    const { request, body } = await probeFamily("anthropic-messages");
    expect(request.path).toBe("/base/v1/messages");
    expect(request.headers["x-api-key"]).toBe(KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers["anthropic-version"]).toBe("2023-06-01");
    expect(body).toMatchObject({ model: "claude-haiku-4-5", max_tokens: 8, messages: [{ role: "user" }] });
    expect(body).not.toHaveProperty("thinking");
  });

  it("Anthropic messages: a token goes as bearer, never as x-api-key", async () => {
    const { request, body } = await probeFamily("anthropic-messages", { type: "token" });
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers["x-api-key"]).toBeUndefined();
    expect(request.headers["anthropic-beta"]).toBeUndefined();
    expect(body).not.toHaveProperty("system");
  });

  it("Anthropic messages: a subscription token (sk-ant-oat…) gets the OAuth betas and the Claude Code system line", async () => {
    const token = "sk-ant-oat01-Sub4Qx8Wm2Ln6Rt0";
    server = await startServer((_request, response) =>
      sendJson(response, 200, SUCCESS["anthropic-messages"]),
    );
    const result = await probeOne({
      provider: "anthropic",
      baseUrl: `${server.origin}/v1`,
      model: "claude-opus-4-6",
      credential: { type: "token", secret: token },
    });
    expect(result.status).toBe("ok");
    const [request] = server.requests;
    expect(request?.path).toBe("/v1/messages");
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers["anthropic-beta"]).toBe("claude-code-20250219,oauth-2025-04-20");
    expect(request?.json).toMatchObject({
      system: [{ type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude." }],
    });
  });

  it("Gemini generateContent: the key in x-goog-api-key and never in the URL, thinking off", async () => {
    const { request, body } = await probeFamily("google-generative-ai");
    expect(request.path).toBe("/base/models/gemini-2.5-flash-lite:generateContent");
    expect(request.path).not.toContain(KEY);
    expect(request.headers["x-goog-api-key"]).toBe(KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(body).toMatchObject({
      contents: [{ role: "user", parts: [{ text: expect.any(String) }] }],
      generationConfig: { maxOutputTokens: 8, thinkingConfig: { thinkingBudget: 0 } },
    });
  });

  it("Ollama: /api/chat without streaming, thinking off, num_predict", async () => {
    const { request, body } = await probeFamily("ollama");
    expect(request.path).toBe("/base/api/chat");
    expect(body).toMatchObject({
      model: "llama3.2",
      stream: false,
      think: false,
      options: { num_predict: 8 },
    });
  });

  it("Ollama with no credential for a local provider sends no authorization header", async () => {
    server = await startServer((_request, response) => sendJson(response, 200, SUCCESS.ollama));
    const result = await probeOne({ provider: "ollama", baseUrl: `${server.origin}/v1`, model: "llama3.2" });
    expect(result.status).toBe("ok");
    expect(server.requests[0]?.path).toBe("/api/chat");
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it.each(FAMILIES)(
    "%s success → ok with latency, HTTP status, usage and rate-limit headers",
    async (family) => {
      const { result } = await probeFamily(family);
      expect(result).toMatchObject({
        provider: "custom",
        model: MODEL[family],
        api: family,
        status: "ok",
        httpStatus: 200,
        usage: SUCCESS_USAGE[family],
        rateLimit: { "x-ratelimit-remaining-requests": "99" },
      });
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
      expect(result.error).toBeUndefined();
    },
  );
});
