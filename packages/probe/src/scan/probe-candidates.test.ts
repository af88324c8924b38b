// Probing scan candidates against a server that answers as OpenRouter: tool calls answered, refused and never
// answered; images answered and refused; account failures; scheduling, progress, cancellation; the key kept home.
import { afterEach, describe, expect, it } from "vitest";
import { leaksOf } from "../../test/leaks.js";
import { type Behaviour, OPENROUTER_ERRORS, startOpenRouter, toolCallReply } from "../../test/openrouter.js";
import { sendJson, startServer, type TestServer } from "../../test/provider-server.js";
import { toScanResult } from "./candidates.js";
import { probeScanCandidates, type ScanProgress } from "./probe-candidates.js";
import { IMAGE_PROMPT, TOOL_PROMPT } from "./requests.js";
import { ScanResultSchema } from "./schema.js";

const KEY = "sk-or-v1-Tn4Wq8Ze2Yc6Ub1Ox5Mi9Ra3";
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const candidate = (id: string, image = false) =>
  toScanResult({
    id,
    pricing: { prompt: "0", completion: "0" },
    architecture: { input_modalities: image ? ["text", "image"] : ["text"] },
    supported_parameters: ["tools", "tool_choice"],
  });

async function openRouter(behaviours: Record<string, Behaviour>) {
  const server = await startOpenRouter({
    models: [],
    behaviours: new Map(Object.entries(behaviours)),
    key: KEY,
  });
  servers.push(server);
  return server;
}

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

describe("the tool probe", () => {
  it("a tool call comes back → ok; the request is one required ping tool with 256 tokens, sent with the key", async () => {
    const server = await openRouter({ "meta-llama/llama-3.3-70b-instruct:free": { tool: "call" } });
    const [result] = await probeScanCandidates([candidate("meta-llama/llama-3.3-70b-instruct:free")], {
      credential: KEY,
      baseUrl: server.baseUrl,
    });
    expect(result?.tool).toEqual({ status: "ok", httpStatus: 200, latencyMs: expect.any(Number) });
    expect(result?.image).toBeNull();
    expect(ScanResultSchema.parse(result)).toEqual(result);
    const [request] = server.chats();
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.json).toEqual({
      model: "meta-llama/llama-3.3-70b-instruct:free",
      messages: [{ role: "user", content: TOOL_PROMPT }],
      tools: [
        {
          type: "function",
          function: {
            name: "ping",
            description: "Return OK.",
            parameters: { type: "object", properties: {}, additionalProperties: false },
          },
        },
      ],
      tool_choice: "required",
      max_tokens: 256,
      temperature: 0,
      stream: false,
    });
    expect(server.chats()).toHaveLength(1);
  });

  it.each([
    [
      "no endpoint supports tool use (404)",
      "no_endpoint",
      "format",
      undefined,
      /^HTTP 404: No endpoints found that support tool use/,
    ],
    [
      "tool_choice refused by the provider (400)",
      "tool_choice",
      "format",
      undefined,
      /^HTTP 400: Provider returned error$/,
    ],
    [
      "an answer without the call (200)",
      "no_call",
      "format",
      "no_tool_call",
      /without calling the tool \(finish_reason: stop\)/,
    ],
    [
      "the model fails mid-answer (200 with choices[0].error)",
      "error_in_reply",
      "unknown",
      "error_in_reply",
      /failed while answering: Upstream provider closed the stream/,
    ],
  ] as const)("%s → %s", async (_name, tool, status, reasonCode, error) => {
    const server = await openRouter({ "qwen/qwen3-8b:free": { tool } });
    const [result] = await probeScanCandidates([candidate("qwen/qwen3-8b:free")], {
      credential: KEY,
      baseUrl: server.baseUrl,
    });
    expect(result?.tool?.status).toBe(status);
    expect(result?.tool?.reasonCode).toBe(reasonCode);
    expect(result?.tool?.error).toMatch(error);
    expect(result?.tool?.latencyMs).toEqual(expect.any(Number));
  });

  it("refusals carry OpenRouter's code as providerCode", async () => {
    const server = await openRouter({ "a/b:free": { tool: "no_endpoint" } });
    const [result] = await probeScanCandidates([candidate("a/b:free")], {
      credential: KEY,
      baseUrl: server.baseUrl,
    });
    expect(result?.tool).toMatchObject({ status: "format", providerCode: "404", httpStatus: 404 });
  });

  it("no answer within the timeout → timeout, and the image probe still runs", async () => {
    const server = await openRouter({ "google/gemma-3-27b-it:free": { tool: "hang", image: "answer" } });
    const [result] = await probeScanCandidates([candidate("google/gemma-3-27b-it:free", true)], {
      credential: KEY,
      baseUrl: server.baseUrl,
      timeoutMs: 400,
    });
    expect(result?.tool).toMatchObject({ status: "timeout", reasonCode: "timeout" });
    expect(result?.tool?.error).toContain("within 400 ms");
    expect(result?.image?.status).toBe("ok");
  });
});

describe("the image probe, for models that take images", () => {
  it("text comes back → ok; the request is a 1×1 PNG and 'Reply with OK.' with 16 tokens", async () => {
    const server = await openRouter({
      "qwen/qwen2.5-vl-72b-instruct:free": { tool: "call", image: "answer" },
    });
    const [result] = await probeScanCandidates([candidate("qwen/qwen2.5-vl-72b-instruct:free", true)], {
      credential: KEY,
      baseUrl: server.baseUrl,
    });
    expect(result?.image).toEqual({ status: "ok", httpStatus: 200, latencyMs: expect.any(Number) });
    const image = server.chats()[1]?.json as {
      messages: [{ content: [{ type: string; text: string }, { image_url: { url: string } }] }];
      max_tokens: number;
      tools?: unknown;
    };
    expect(image.max_tokens).toBe(16);
    expect(image.tools).toBeUndefined();
    const [text, picture] = image.messages[0].content;
    expect(text).toEqual({ type: "text", text: IMAGE_PROMPT });
    const png = Buffer.from(picture.image_url.url.replace(/^data:image\/png;base64,/, ""), "base64");
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width 1, height 1.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1, 1]);
  });

  it.each([
    [
      "refused: no endpoint takes image input (404)",
      "refuse",
      "format",
      /^HTTP 404: No endpoints found that support image input/,
    ],
    ["answered without text", "empty", "format", /no text \(finish_reason: length\)/],
  ] as const)("%s → %s", async (_name, image, status, error) => {
    const server = await openRouter({ "x/vision:free": { tool: "call", image } });
    const [result] = await probeScanCandidates([candidate("x/vision:free", true)], {
      credential: KEY,
      baseUrl: server.baseUrl,
    });
    expect(result?.tool?.status).toBe("ok");
    expect(result?.image?.status).toBe(status);
    expect(result?.image?.error).toMatch(error);
  });

  it("no answer within the timeout → timeout", async () => {
    const server = await openRouter({ "x/vision:free": { tool: "call", image: "hang" } });
    const [result] = await probeScanCandidates([candidate("x/vision:free", true)], {
      credential: KEY,
      baseUrl: server.baseUrl,
      timeoutMs: 400,
    });
    expect(result?.image?.status).toBe("timeout");
  });
});

describe("account failures are classified like every probe", () => {
  it.each([
    ["a key OpenRouter does not know (401)", 401, OPENROUTER_ERRORS.userNotFound, {}, "auth"],
    ["no credits left (402)", 402, OPENROUTER_ERRORS.credits, {}, "billing"],
    [
      "the free-model rate limit (429)",
      429,
      OPENROUTER_ERRORS.rateLimit,
      { "retry-after": "17" },
      "rate_limit",
    ],
  ] as const)("%s → %s", async (_name, httpStatus, body, headers, status) => {
    const server = await serve((_request, response) => sendJson(response, httpStatus, body, headers));
    const [result] = await probeScanCandidates([candidate("x/vision:free", true)], {
      credential: KEY,
      baseUrl: server.origin,
    });
    expect(result?.tool).toMatchObject({ status, httpStatus });
    expect(result?.image).toMatchObject({ status, httpStatus });
    if (status === "rate_limit") expect(result?.tool?.retryAfterMs).toBe(17_000);
  });

  it("a wrong key → auth, from the server's own 401", async () => {
    const server = await openRouter({ "a/b:free": { tool: "call" } });
    const [result] = await probeScanCandidates([candidate("a/b:free")], {
      credential: "sk-or-v1-not-the-right-one",
      baseUrl: server.baseUrl,
    });
    expect(result?.tool).toMatchObject({ status: "auth", error: "HTTP 401: No auth credentials found" });
  });

  it("a credential the caller could not resolve → unresolved_ref, nothing sent", async () => {
    const server = await openRouter({ "a/b:free": { tool: "call" } });
    const [result] = await probeScanCandidates([candidate("a/b:free", true)], {
      credential: { type: "unresolved", reason: "OPENROUTER_API_KEY is not set" },
      baseUrl: server.baseUrl,
    });
    expect(result?.tool).toEqual({
      status: "unresolved_ref",
      reasonCode: "unresolved_ref",
      error: "Credential could not be resolved: OPENROUTER_API_KEY is not set.",
    });
    expect(result?.image?.status).toBe("unresolved_ref");
    expect(server.chats()).toHaveLength(0);
  });
});

describe("scheduling", () => {
  it("probes at most `concurrency` candidates at once; results in candidate order; progress as each is done", async () => {
    const ids = Array.from({ length: 9 }, (_, index) => `maker/model-${index}:free`);
    let open = 0;
    let peak = 0;
    const server = await serve((request, response) => {
      open += 1;
      peak = Math.max(peak, open);
      // Held a little, so that requests overlap when the scheduler lets them.
      setTimeout(() => {
        open -= 1;
        sendJson(response, 200, toolCallReply((request.json as { model: string }).model));
      }, 20);
    });
    const progress: ScanProgress[] = [];
    const results = await probeScanCandidates(
      ids.map((id) => candidate(id)),
      {
        credential: KEY,
        baseUrl: server.origin,
        concurrency: 3,
        onProgress: (update) => progress.push(update),
      },
    );
    expect(results.map((result) => result.id)).toEqual(ids);
    expect(results.every((result) => result.tool?.status === "ok")).toBe(true);
    expect(peak).toBeLessThanOrEqual(3);
    expect(progress[0]).toEqual({ completed: 0, total: 9 });
    expect(progress.slice(1).map((update) => update.completed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(progress.slice(1).map((update) => update.result?.id))).toEqual(new Set(ids));
    expect(progress.every((update) => update.total === 9)).toBe(true);
  });

  it("does not change the candidates it was given", async () => {
    const server = await openRouter({ "a/b:free": { tool: "call" } });
    const given = [candidate("a/b:free")];
    await probeScanCandidates(given, { credential: KEY, baseUrl: server.baseUrl });
    expect(given[0]?.tool).toBeNull();
  });

  it("no candidates: one progress report, no request", async () => {
    const server = await openRouter({});
    const progress: ScanProgress[] = [];
    expect(
      await probeScanCandidates([], {
        credential: KEY,
        baseUrl: server.baseUrl,
        onProgress: (p) => progress.push(p),
      }),
    ).toEqual([]);
    expect(progress).toEqual([{ completed: 0, total: 0 }]);
    expect(server.requests).toHaveLength(0);
  });

  it("aborting stops the queued candidates and rejects with the reason", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const pending = probeScanCandidates(
      Array.from({ length: 6 }, (_, index) => candidate(`a/m-${index}:free`)),
      { credential: KEY, baseUrl: server.origin, concurrency: 2, signal: controller.signal },
    );
    while (server.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("scan cancelled"));
    await expect(pending).rejects.toThrow("scan cancelled");
    expect(server.requests).toHaveLength(2);
  });

  it("refuses options it cannot use", async () => {
    const call = (options: object) =>
      probeScanCandidates([candidate("a/b:free")], { credential: KEY, ...options });
    await expect(call({ concurrency: 0 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(call({ timeoutMs: -5 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(call({ baseUrl: "https://u:p@openrouter.ai/api/v1" })).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    await expect(call({ credential: { type: "api_key" } })).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });
});

describe("the key never comes back", () => {
  it("not in any field of any result, whatever the server echoes and however it encodes it", async () => {
    const echoes = [
      `Incorrect API key provided: ${KEY}`,
      `key=${encodeURIComponent(KEY)}`,
      `Basic ${Buffer.from(`user:${KEY}`).toString("base64")}`,
      `\u001b[2J${KEY.split("").join("\u200b")}`,
    ];
    let index = 0;
    const server = await serve((request, response) => {
      const echo = echoes[index++ % echoes.length] as string;
      const tool = Array.isArray((request.json as { tools?: unknown }).tools);
      if (tool)
        return sendJson(
          response,
          429,
          { error: { message: echo, code: KEY } },
          {
            "x-ratelimit-remaining": KEY,
            "retry-after": "3",
          },
        );
      return sendJson(response, 200, {
        choices: [{ finish_reason: echo, message: { role: "assistant", content: "" } }],
      });
    });
    const results = await probeScanCandidates(
      [candidate("a/one:free", true), candidate("a/two:free", true)],
      { credential: { type: "api_key", secret: { reveal: () => KEY } }, baseUrl: server.origin },
    );
    const text = JSON.stringify(results);
    expect(leaksOf(text, KEY)).toEqual([]);
    expect(text).not.toContain("\u001b");
    expect(results[0]?.tool?.status).toBe("rate_limit");
    expect(results[0]?.image).toMatchObject({ status: "format", reasonCode: "empty_reply" });
  });
});
