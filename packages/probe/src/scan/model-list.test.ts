// The model list fetch against real servers on 127.0.0.1: OpenRouter's list in its real shape and size, malformed
// entries, and servers that fail in every way a fetch can.
import { afterEach, describe, expect, it } from "vitest";
import { leaksOf } from "../../test/leaks.js";
import { generateModelList, startOpenRouter } from "../../test/openrouter.js";
import { closedPortOrigin, sendJson, startServer, type TestServer } from "../../test/provider-server.js";
import { ProbeError } from "../errors.js";
import { fetchOpenRouterModels, scanBaseUrl } from "./model-list.js";

const KEY = "sk-or-v1-Qx7Lm2Rt9Vb4Nc8Kw3Zp6Hs1";
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

async function serveList(models: readonly unknown[]) {
  const server = await startOpenRouter({ models, behaviours: new Map(), key: KEY });
  servers.push(server);
  return server;
}

/** The ProbeError a fetch rejects with. */
async function failure(promise: Promise<unknown>): Promise<ProbeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!ProbeError.isInstance(error)) throw new Error(`expected a ProbeError, got ${String(error)}`);
  return error;
}

describe("fetchOpenRouterModels", () => {
  it("reads a list of 320 entries in OpenRouter's shape from <baseUrl>/models, with a GET and no key", async () => {
    const { models } = generateModelList();
    const server = await serveList(models);
    const list = await fetchOpenRouterModels({ baseUrl: server.baseUrl });
    expect(list.models).toHaveLength(320);
    expect(list.warnings).toEqual([]);
    expect(list.models.map((model) => model.id)).toEqual(models.map((model) => model.id));
    // Fields a scan does not read are dropped.
    expect(list.models[1]).not.toHaveProperty("description");
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "GET", path: "/api/v1/models", body: "" });
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers.accept).toBe("application/json");
  });

  it("sends the credential as a bearer token when given", async () => {
    const server = await serveList([]);
    await fetchOpenRouterModels({ baseUrl: server.baseUrl, credential: { reveal: () => KEY } });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("skips malformed entries with a warning that says which and why, and keeps the rest", async () => {
    const long = `x/${"a".repeat(300)}`;
    const server = await serveList([
      { id: "good/one:free", pricing: { prompt: "0", completion: "0" } },
      null,
      "qwen/qwen3-8b",
      {},
      { id: 42 },
      { id: "bad/context", context_length: "131072" },
      { id: "bad/modalities", architecture: { input_modalities: "text" } },
      { id: "bad/blank id" },
      { id: "bad/\u202egnp.exe" },
      { id: "bad/pinned@work" },
      { id: "good/one:free" },
      { id: long },
      { id: "good/two", name: null, created: null, top_provider: null, extra: { nested: true } },
    ]);
    const list = await fetchOpenRouterModels({ baseUrl: server.baseUrl });
    expect(list.models.map((model) => model.id)).toEqual(["good/one:free", "good/two"]);
    expect(list.warnings).toHaveLength(11);
    expect(list.warnings.slice(0, 6)).toEqual([
      "Skipped models[1] of the model list: expected an object, got null.",
      "Skipped models[2] of the model list: expected an object, got string.",
      "Skipped models[3] of the model list: id: expected string, got nothing.",
      "Skipped models[4] of the model list: id: expected string, got number.",
      'Skipped models[5] ("bad/context") of the model list: context_length: expected number, got string.',
      'Skipped models[6] ("bad/modalities") of the model list: architecture.input_modalities: expected array, got string.',
    ]);
    expect(list.warnings[6]).toMatch(/"bad\/blank id".*its id does not make a model ref/);
    expect(list.warnings[7]).toMatch(
      /models\[8\].*its id contains an invisible or direction-changing character \(U\+202E\)/,
    );
    expect(list.warnings[8]).toMatch(/"bad\/pinned@work".*does not make a model ref/);
    expect(list.warnings[9]).toMatch(/models\[10\] \("good\/one:free"\).*its id came before/);
    expect(list.warnings[10]).toMatch(
      /models\[11\] \("x\/a{77}…"\) of the model list: id: longer than 256 characters\.$/,
    );
  });

  it("defaults to the provider table's OpenRouter base URL", () => {
    expect(scanBaseUrl(undefined)).toBe("https://openrouter.ai/api/v1");
  });

  it("keeps a base URL's path and query: <baseUrl>/models", async () => {
    const server = await serve((_request, response) => sendJson(response, 200, { data: [] }));
    await fetchOpenRouterModels({ baseUrl: `${server.origin}/proxy/v1?tenant=7` });
    expect(server.requests[0]?.path).toBe("/proxy/v1/models?tenant=7");
  });
});

describe("fetchOpenRouterModels failures are ProbeErrors with a code", () => {
  it("an HTTP error → MODEL_LIST_HTTP with the status and the server's message", async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 503, { error: { message: "Service temporarily unavailable", code: 503 } }),
    );
    const error = await failure(fetchOpenRouterModels({ baseUrl: `${server.origin}/api/v1` }));
    expect(error).toMatchObject({ code: "MODEL_LIST_HTTP", httpStatus: 503 });
    expect(error.message).toBe(
      `Could not read the model list at ${new URL(server.origin).host}: HTTP 503: Service temporarily unavailable`,
    );
  });

  it("an HTML error page → MODEL_LIST_HTTP with its start on one line, control characters escaped", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(502, { "content-type": "text/html" });
      response.end("<html>\n<body>Bad \u001b[31mgateway</body></html>");
    });
    const error = await failure(fetchOpenRouterModels({ baseUrl: server.origin }));
    expect(error.code).toBe("MODEL_LIST_HTTP");
    expect(error.message).toContain("HTTP 502: <html> <body>Bad \\x1b[31mgateway");
    expect(error.message).not.toContain("\u001b");
  });

  it("a 200 that is not JSON → MODEL_LIST_INVALID not_json", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<!doctype html><title>Captive portal</title>");
    });
    const error = await failure(fetchOpenRouterModels({ baseUrl: server.origin }));
    expect(error).toMatchObject({ code: "MODEL_LIST_INVALID", reasonCode: "not_json", httpStatus: 200 });
    expect(error.message).toContain("is not JSON: <!doctype html>");
  });

  it("JSON that is not { data: [...] } → MODEL_LIST_INVALID not_a_model_list", async () => {
    for (const body of [{ models: [] }, [], { data: {} }, null]) {
      const server = await serve((_request, response) => sendJson(response, 200, body));
      const error = await failure(fetchOpenRouterModels({ baseUrl: server.origin }));
      expect(error).toMatchObject({ code: "MODEL_LIST_INVALID", reasonCode: "not_a_model_list" });
    }
  });

  it("a list over the size cap → MODEL_LIST_INVALID body_too_large, the rest never read", async () => {
    const { models } = generateModelList();
    const server = await serveList(models);
    const error = await failure(
      fetchOpenRouterModels({ baseUrl: server.baseUrl, maxResponseBytes: 64 * 1024 }),
    );
    expect(error).toMatchObject({ code: "MODEL_LIST_INVALID", reasonCode: "body_too_large" });
    expect(error.message).toContain("larger than 65536 bytes");
  });

  it("no answer within the timeout → MODEL_LIST_TIMEOUT", async () => {
    const server = await serve(() => {});
    const error = await failure(fetchOpenRouterModels({ baseUrl: server.origin, timeoutMs: 300 }));
    expect(error).toMatchObject({ code: "MODEL_LIST_TIMEOUT", reasonCode: "timeout" });
    expect(error.message).toContain("no answer within 300 ms");
  });

  it("a body that stalls → MODEL_LIST_TIMEOUT with the status that had come", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"data":[');
    });
    const error = await failure(fetchOpenRouterModels({ baseUrl: server.origin, timeoutMs: 300 }));
    expect(error).toMatchObject({ code: "MODEL_LIST_TIMEOUT", httpStatus: 200 });
    expect(error.message).toContain("the answer did not finish");
  });

  it("a refused connection → MODEL_LIST_NETWORK refused, with no cause that could hold the request", async () => {
    const error = await failure(
      fetchOpenRouterModels({ baseUrl: await closedPortOrigin(), credential: KEY }),
    );
    expect(error).toMatchObject({ code: "MODEL_LIST_NETWORK", reasonCode: "refused" });
    expect(error.cause).toBeUndefined();
  });

  it("a redirect is not followed: MODEL_LIST_HTTP redirect, and the key never reaches the other host", async () => {
    const elsewhere = await serve((_request, response) => sendJson(response, 200, { data: [] }));
    const server = await serve((_request, response) => {
      response.writeHead(307, { location: `${elsewhere.origin}/api/v1/models` });
      response.end();
    });
    const error = await failure(fetchOpenRouterModels({ baseUrl: server.origin, credential: KEY }));
    expect(error).toMatchObject({ code: "MODEL_LIST_HTTP", reasonCode: "redirect", httpStatus: 307 });
    expect(error.message).toContain(`redirecting to ${elsewhere.origin}`);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("an aborted signal rejects with its reason", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const pending = fetchOpenRouterModels({ baseUrl: server.origin, signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });

  it("refuses options it cannot use, before sending anything", async () => {
    for (const [options, pattern] of [
      [{ baseUrl: "openrouter.ai/api/v1" }, /baseUrl "openrouter.ai\/api\/v1" is not a URL/],
      [{ baseUrl: "ftp://openrouter.ai/api/v1" }, /http\(s\) URL, got ftp:/],
      [{ baseUrl: "https://me:hunter2@openrouter.ai/api/v1" }, /user name or password/],
      [{ timeoutMs: 0 }, /timeoutMs must be a positive integer/],
      [{ maxResponseBytes: 1.5 }, /maxResponseBytes/],
    ] as const) {
      const error = await failure(fetchOpenRouterModels(options));
      expect(error.code).toBe("INVALID_OPTION");
      expect(error.message).toMatch(pattern);
      expect(error.message).not.toContain("hunter2");
    }
  });
});

describe("the credential never comes back", () => {
  it("not from an error body that echoes it, raw or encoded", async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 401, {
        error: {
          message: `Invalid key ${KEY} (${Buffer.from(`user:${KEY}`).toString("base64")})`,
          code: 401,
        },
      }),
    );
    const error = await failure(fetchOpenRouterModels({ baseUrl: server.origin, credential: KEY }));
    expect(error.code).toBe("MODEL_LIST_HTTP");
    expect(leaksOf(error.message, KEY)).toEqual([]);
    expect(leaksOf(String(error.stack), KEY)).toEqual([]);
  });

  it("not from entries whose id or name repeat it: they are skipped, and the warning does not quote them", async () => {
    const server = await serveList([
      { id: `evil/${KEY}:free` },
      { id: "evil/named:free", name: `Named ${Buffer.from(KEY).toString("hex")}` },
      { id: `evil/${KEY.slice(4, 14)}` },
      { id: "fine/model:free" },
    ]);
    const list = await fetchOpenRouterModels({ baseUrl: server.baseUrl, credential: KEY });
    expect(list.models.map((model) => model.id)).toEqual(["fine/model:free"]);
    expect(list.warnings).toHaveLength(3);
    for (const warning of list.warnings) expect(warning).toContain("it repeats the credential that was sent");
    expect(leaksOf(JSON.stringify(list), KEY)).toEqual([]);
  });

  it("not from the redirect target it names", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: `https://${KEY.slice(6).toLowerCase()}.example/` });
      response.end();
    });
    const error = await failure(fetchOpenRouterModels({ baseUrl: server.origin, credential: KEY }));
    expect(error.reasonCode).toBe("redirect");
    expect(leaksOf(error.message, KEY)).toEqual([]);
  });
});
