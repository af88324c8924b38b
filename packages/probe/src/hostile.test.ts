// Servers that misbehave: the probe still ends at its deadline, reads a bounded body, never follows a redirect with
// the credential, and never repeats a key the server echoes back.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ENCODINGS, leaksOf } from "../test/leaks.js";
import { sendJson, startServer, type TestServer } from "../test/provider-server.js";
import { FAMILIES, SUCCESS } from "../test/wire.js";
import { probeAll, probeOne } from "./probe.js";

const KEY = "sk-live-R7fQ2mX9pL4vW8zT1kB6";
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const target = (origin: string, api = "openai-completions") => ({
  provider: "custom",
  api,
  baseUrl: origin,
  model: "m-1",
  credential: { type: "api_key" as const, secret: KEY },
});

describe("the deadline holds whatever the server does", () => {
  it("a server that never sends headers → timeout at the deadline", async () => {
    const server = await serve(() => {});
    const result = await probeOne(target(server.origin), { timeoutMs: 300 });
    expect(result).toMatchObject({ status: "timeout", reasonCode: "timeout" });
    expect(result.httpStatus).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.error).toContain("300 ms");
  });

  it("a server that stalls in the middle of the body → timeout, with the status it had sent", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id":"chatcmpl-1","choices":[');
    });
    const result = await probeOne(target(server.origin), { timeoutMs: 300 });
    expect(result).toMatchObject({ status: "timeout", httpStatus: 200 });
    expect(result.error).toMatch(/did not finish/);
  });

  it("a slow endless stream → timeout; the server sees the connection closed", async () => {
    let closed = false;
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const tick = setInterval(() => response.write(" "), 20);
      response.on("close", () => {
        clearInterval(tick);
        closed = true;
      });
    });
    const result = await probeOne(target(server.origin), { timeoutMs: 300 });
    expect(result.status).toBe("timeout");
    await expect.poll(() => closed).toBe(true);
  });
});

describe("bodies are read up to a cap", () => {
  function endless(response: ServerResponse, announced?: number): { written: () => number } {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, "a");
    response.writeHead(200, {
      "content-type": "application/json",
      ...(announced === undefined ? {} : { "content-length": String(announced) }),
    });
    const pump = () => {
      while (!response.destroyed && written < (announced ?? Number.POSITIVE_INFINITY)) {
        written += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
    };
    pump();
    return { written: () => written };
  }

  it("a 2 GB answer is cut off after the cap, not downloaded", async () => {
    let meter: { written: () => number } | undefined;
    const server = await serve((_request, response) => {
      meter = endless(response, 2 * 1024 ** 3);
    });
    const result = await probeOne(target(server.origin), { maxResponseBytes: 64 * 1024, timeoutMs: 20_000 });
    expect(result).toMatchObject({ status: "format", reasonCode: "body_too_large", httpStatus: 200 });
    await expect.poll(() => server.inFlight()).toBe(0);
    // What the sockets buffered before the client hung up; far from 2 GB.
    expect(meter?.written()).toBeLessThan(64 * 1024 ** 2);
  });

  it("a fast endless stream is cut off after the cap", async () => {
    const server = await serve((_request, response) => void endless(response));
    const result = await probeOne(target(server.origin), { maxResponseBytes: 128 * 1024, timeoutMs: 20_000 });
    expect(result).toMatchObject({ status: "format", reasonCode: "body_too_large" });
  });

  it("an error body over the cap is still classified by its status", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(401, { "content-type": "text/plain" });
      response.end("x".repeat(10_000));
    });
    const result = await probeOne(target(server.origin), { maxResponseBytes: 1024 });
    expect(result.status).toBe("auth");
    expect(result.error).toContain("too large");
  });
});

describe("redirects are never followed", () => {
  it.each(FAMILIES)("%s: the other origin receives nothing, the result says why", async (family) => {
    const elsewhere = await serve((_request, response) => sendJson(response, 200, {}));
    for (const code of [301, 302, 307, 308]) {
      const server = await serve((request, response) => {
        response.writeHead(code, { location: `${elsewhere.origin}${request.path}` });
        response.end();
      });
      const result = await probeOne(target(server.origin, family));
      expect(result).toMatchObject({ status: "unknown", reasonCode: "redirect", httpStatus: code });
      expect(result.error).toContain(elsewhere.origin);
      expect(server.requests).toHaveLength(1);
    }
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("secrets echoed by the server", () => {
  it.each(FAMILIES)("%s: neither the key nor a piece of it appears in the result", async (family) => {
    const server = await serve((_request, response) =>
      sendJson(response, 401, {
        error: {
          message: `Incorrect API key provided: ${KEY}. Also known as ${KEY.slice(0, 10)}…${KEY.slice(-6)} or sk-li*****zT1kB6.`,
          type: "invalid_request_error",
          code: `invalid_api_key:${KEY}`,
        },
      }),
    );
    const result = await probeOne(target(server.origin, family));
    expect(result.status).toBe("auth");
    const text = JSON.stringify(result);
    for (let start = 0; start + 6 <= KEY.length; start += 1)
      expect(text).not.toContain(KEY.slice(start, start + 6));
    expect(text).not.toContain("*****");
  });

  it("config headers that are not credentials do not blank out the error", async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 404, { error: { message: "see https://openrouter.ai/docs/errors for details" } }),
    );
    const result = await probeOne({
      ...target(server.origin),
      headers: { "HTTP-Referer": "https://openrouter.ai/docs" },
    });
    expect(result.error).toBe("HTTP 404: see https://openrouter.ai/docs/errors for details");
  });

  it("config headers that carry credentials are treated as secrets too", async () => {
    const token = "hdr-9Vd3Kq7Wm2Zx5Rp8";
    const server = await serve((request, response) =>
      sendJson(response, 403, {
        error: { message: `header ${String(request.headers["x-proxy-token"])} refused` },
      }),
    );
    const result = await probeOne({ ...target(server.origin), headers: { "x-proxy-token": token } });
    expect(server.requests[0]?.headers["x-proxy-token"]).toBe(token);
    expect(JSON.stringify(result)).not.toContain(token);
  });
});

describe("secrets echoed in any form, wherever the server writes them", () => {
  const b64 = (text: string) => Buffer.from(text).toString("base64");

  it("rate-limit headers of a 200 keep their numbers and lose every echoed key", async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 200, SUCCESS["openai-completions"], {
        "x-ratelimit-remaining-tokens": "9990",
        "x-ratelimit-remaining-requests": KEY,
        "x-ratelimit-limit-tokens": b64(KEY),
        "x-ratelimit-reset-requests": b64(`user:${KEY}`).replace(/=+$/, ""),
        "ratelimit-policy": encodeURIComponent(`100;w=60;key="${KEY}"`),
        "retry-after-ms": Buffer.from(`x${KEY}`).toString("base64url"),
        [`x-ratelimit-${KEY.toLowerCase()}`]: "1",
      }),
    );
    const result = await probeOne(target(server.origin));
    expect(result.status).toBe("ok");
    expect(result.rateLimit?.["x-ratelimit-remaining-tokens"]).toBe("9990");
    expect(Object.keys(result.rateLimit ?? {})).toHaveLength(7);
    expect(leaksOf(JSON.stringify(result), KEY)).toEqual([]);
  });

  it.each([
    ["in the host", (origin: string) => `http://${KEY.toLowerCase()}.example/v1${origin.slice(0, 0)}`],
    ["as user:key@", () => `http://user:${KEY}@elsewhere.example/v1`],
    ["in the query", (origin: string) => `${origin}/v1?key=${KEY}`],
    ["base64 in the path", () => `/v1/${b64(KEY)}`],
    ["percent-encoded in the host", () => `http://${encodeURIComponent(KEY)}.example/`],
  ])("a redirect with the key %s is reported without it", async (_where, location) => {
    const server = await serve((_request, response) => {
      response.writeHead(302, `Found ${KEY}`, { location: location(server.origin) });
      response.end(`Moved to ${KEY}`);
    });
    const result = await probeOne(target(server.origin));
    expect(result).toMatchObject({ status: "unknown", reasonCode: "redirect", httpStatus: 302 });
    expect(result.error).toMatch(/not followed/);
    expect(leaksOf(JSON.stringify(result), KEY)).toEqual([]);
  });

  it.each(Object.entries(ENCODINGS))("an error body with the key echoed as %s", async (_name, encode) => {
    // The status text too, where HTTP allows its characters.
    const statusText = `Unauthorized ${encode(KEY)}`;
    const server = await serve((_request, response) => {
      response.writeHead(401, /^[\x20-\x7e]*$/.test(statusText) ? statusText : "Unauthorized", {
        "content-type": "text/plain",
      });
      response.end(`Invalid key ${encode(KEY)}; Authorization: ${encode(`Bearer ${KEY}`)} (rejected)`);
    });
    const result = await probeOne(target(server.origin));
    expect(result.status).toBe("auth");
    expect(result.error).toMatch(/^HTTP 401: Invalid key .*\(rejected\)$/);
    expect(leaksOf(JSON.stringify(result), KEY)).toEqual([]);
  });

  it("a JSON error whose message and code carry the key encoded", async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 403, {
        error: {
          message: `key ${b64(`:${KEY}`)} / ${encodeURIComponent(KEY)} refused`,
          code: `denied:${Buffer.from(KEY).toString("hex")}`,
        },
      }),
    );
    const result = await probeOne(target(server.origin));
    expect(result.status).toBe("auth");
    expect(leaksOf(JSON.stringify(result), KEY)).toEqual([]);
  });
});

describe("text from the server cannot drive a terminal", () => {
  it("escape sequences, OSC 52 and bidi overrides in an error body come back as visible escapes", async () => {
    const hostile =
      "\x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4=\x07\x1b[1A\x1b[32mok · 12ms\x1b[0m\r\n\u202etxt.exe\u009b2J";
    const server = await serve((_request, response) =>
      sendJson(response, 500, { error: { message: hostile, code: "\x1b[31mE\u202e" } }),
    );
    const result = await probeOne(target(server.origin));
    const strings = [result.error ?? "", result.providerCode ?? ""];
    for (const text of strings) expect(text).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
    expect(result.error).toContain("\\x1b[2J");
    expect(result.error).toContain("\\u202etxt.exe");
  });
});

describe("what a reply can cost the rest of the run", () => {
  it("a reply with 700 rate-limit headers keeps 32, and does not hold up another probe's deadline", async () => {
    // A long key (a pasted JWT) makes each redaction dearer; the headers must not each pay for it again.
    const key = `sk-${"k".repeat(40)}${"Ab3dEf9hIj".repeat(200)}`;
    const noisy = await serve((_request, response) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      // As many as fit in the client's 16 KiB of headers.
      for (let i = 0; i < 700; i++) headers[`ratelimit-${i}`] = String(i);
      response.writeHead(429, headers);
      response.end(JSON.stringify({ error: { message: "slow down", type: "rate_limit_error" } }));
    });
    const silent = await serve(() => {});
    const [flooded, waiting] = await probeAll(
      [
        { ...target(noisy.origin), credential: { type: "api_key" as const, secret: key } },
        target(silent.origin),
      ],
      { timeoutMs: 1000, concurrency: 2 },
    );
    expect(flooded?.status).toBe("rate_limit");
    expect(Object.keys(flooded?.rateLimit ?? {})).toHaveLength(32);
    expect(waiting?.status).toBe("timeout");
    expect(waiting?.latencyMs).toBeLessThan(1100);
  });

  it("numbers that repeat 8 digits of the key (retry-after, token usage) are left out", async () => {
    const key = "sk-proj-Ab3dEf9hIj20240917Lm5nOp8qRs1";
    const limited = await serve((_request, response) => {
      response.writeHead(429, { "content-type": "application/json", "retry-after": "20240917" });
      response.end(JSON.stringify({ error: { message: "slow down", type: "rate_limit_error" } }));
    });
    const counted = await serve((_request, response) =>
      sendJson(response, 200, {
        ...SUCCESS["openai-completions"],
        usage: { prompt_tokens: 20240917, completion_tokens: 1 },
      }),
    );
    const credential = { type: "api_key" as const, secret: key };
    const [first, second] = await probeAll([
      { ...target(limited.origin), credential },
      { ...target(counted.origin), credential },
    ]);
    expect(first).toMatchObject({ status: "rate_limit" });
    expect(first?.retryAfterMs).toBeUndefined();
    expect(second).toMatchObject({ status: "ok", usage: { outputTokens: 1 } });
    expect(second?.usage?.inputTokens).toBeUndefined();
  });
});
