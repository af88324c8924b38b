// Every documented error reply of every family, served for real, lands in the status a script would act on.
import { afterEach, describe, expect, it } from "vitest";
import { closedPortOrigin, sendJson, startServer, type TestServer } from "../test/provider-server.js";
import { ERROR_CASES } from "../test/wire.js";
import {
  classifyHttp,
  describeNetworkError,
  readProviderError,
  retryAfterMs,
  retryInfoMs,
} from "./classify.js";
import { probeOne } from "./probe.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("provider error replies", () => {
  it.each(ERROR_CASES.map((c) => [c.name, c] as const))("%s", async (_name, errorCase) => {
    server = await startServer((_request, response) => {
      if (typeof errorCase.body === "string") {
        response.writeHead(errorCase.status, { "content-type": "text/html" });
        response.end(errorCase.body);
      } else sendJson(response, errorCase.status, errorCase.body, errorCase.headers);
    });
    const result = await probeOne({
      provider: "custom",
      api: errorCase.family,
      baseUrl: server.origin,
      model: "some-model",
      credential: { type: "api_key", secret: "k9Qw2Xv7Rt5Zp3Lm8Nb4" },
    });
    expect(result.status).toBe(errorCase.expected);
    expect(result.httpStatus).toBe(errorCase.status);
    expect(result.error).toMatch(new RegExp(`^HTTP ${errorCase.status}: `));
    if (errorCase.providerCode) expect(result.providerCode).toBe(errorCase.providerCode);
    if (errorCase.headers?.["retry-after"])
      expect(result.retryAfterMs).toBe(Number(errorCase.headers["retry-after"]) * 1000);
    for (const [name, value] of Object.entries(errorCase.headers ?? {}))
      expect(result.rateLimit?.[name]).toBe(value);
  });
});

describe("network failures", () => {
  it("a refused connection is network / refused", async () => {
    const result = await probeOne({
      provider: "openai",
      baseUrl: await closedPortOrigin(),
      model: "gpt-4.1-nano",
      credential: { type: "api_key", secret: "sk-conn-7Hq2Lw9Zx4Rb" },
    });
    expect(result).toMatchObject({ status: "network", reasonCode: "refused" });
    expect(result.error).toMatch(/refused/);
    expect(result.httpStatus).toBeUndefined();
  });

  it("a connection reset before any answer is network / reset", async () => {
    server = await startServer((_request, response) => {
      response.socket?.destroy();
    });
    const result = await probeOne({
      provider: "anthropic",
      baseUrl: server.origin,
      model: "claude-haiku-4-5",
      credential: { type: "api_key", secret: "sk-ant-reset-000000000" },
    });
    expect(result.status).toBe("network");
    expect(result.reasonCode).toBe("reset");
  });

  it("names DNS and TLS failures from the error's cause chain", () => {
    const wrapped = (code: string) =>
      new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
    expect(describeNetworkError(wrapped("ENOTFOUND"), "api.openai.com")).toEqual({
      reasonCode: "dns",
      error: "DNS lookup for api.openai.com failed (ENOTFOUND).",
    });
    expect(describeNetworkError(wrapped("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), "x").reasonCode).toBe("tls");
    expect(describeNetworkError(wrapped("ERR_TLS_CERT_ALTNAME_INVALID"), "x").reasonCode).toBe("tls");
    expect(describeNetworkError(new Error("odd"), "x").reasonCode).toBe("network");
  });
});

describe("retry-after", () => {
  const now = Date.parse("2026-11-23T10:00:00Z");
  it("reads retry-after-ms first, then seconds, then an HTTP date", () => {
    expect(retryAfterMs(new Headers({ "retry-after-ms": "1500", "retry-after": "9" }), now)).toBe(1500);
    expect(retryAfterMs(new Headers({ "retry-after": "2.5" }), now)).toBe(2500);
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 23 Nov 2026 10:00:30 GMT" }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe("Google's error details", () => {
  const retryInfo = (retryDelay: unknown) => ({
    error: {
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      details: [
        { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "RATE_LIMIT_EXCEEDED" },
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay },
      ],
    },
  });

  it("reads google.rpc.RetryInfo's retryDelay, a protobuf duration in seconds", () => {
    expect(retryInfoMs(retryInfo("68940s"))).toBe(68_940_000);
    expect(retryInfoMs(retryInfo("34.074824224s"))).toBe(34_075);
    expect(retryInfoMs(retryInfo("0.5s"))).toBe(500);
    expect(retryInfoMs([retryInfo("2s")])).toBe(2000);
  });

  it("takes no delay from a RetryInfo it cannot read, nor from bodies without one", () => {
    for (const delay of ["soon", "-1s", "1e3s", "5", "", 5, null])
      expect(retryInfoMs(retryInfo(delay))).toBeUndefined();
    expect(retryInfoMs({ error: { details: [{ retryDelay: "5s" }] } })).toBeUndefined();
    expect(retryInfoMs({ error: { details: "5s" } })).toBeUndefined();
    expect(retryInfoMs(null)).toBeUndefined();
    expect(retryInfoMs("5s")).toBeUndefined();
  });

  it("reads an error sent inside a one-element array, as Google's streaming endpoints send it", () => {
    expect(
      readProviderError([{ error: { code: 403, message: "denied", status: "PERMISSION_DENIED" } }]),
    ).toEqual({
      message: "denied",
      codes: ["403", "PERMISSION_DENIED"],
    });
    expect(readProviderError([{ error: "a" }, { error: "b" }])).toBeUndefined();
  });

  it("a 429 for a model with no capacity left is overloaded, not the account's rate limit", () => {
    expect(classifyHttp(429, { codes: ["MODEL_CAPACITY_EXHAUSTED", "429", "RESOURCE_EXHAUSTED"] })).toBe(
      "overloaded",
    );
    expect(classifyHttp(429, { codes: ["QUOTA_EXHAUSTED", "429", "RESOURCE_EXHAUSTED"] })).toBe("rate_limit");
  });
});
