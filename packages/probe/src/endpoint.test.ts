// Where a probe goes: the API path joined into the base URL's path (its query kept), no credentials in the URL, and
// which targets would send a credential in plain text.
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../test/provider-server.js";
import { FAMILIES, type Family, SUCCESS } from "../test/wire.js";
import { isLoopbackHost } from "./endpoint.js";
import { insecureTargets } from "./insecure.js";
import { probeOne } from "./probe.js";
import type { ProbeTarget } from "./target.js";

const KEY = "sk-endpoint-4Hq8Wz2Rt6Yp0Nc3";
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PATH: Record<Family, string> = {
  "openai-completions": "/openai/v1/chat/completions",
  "openai-responses": "/openai/v1/responses",
  "anthropic-messages": "/openai/v1/messages",
  "google-generative-ai": "/openai/v1/models/m-1:generateContent",
  ollama: "/openai/api/chat",
};

describe("the request URL", () => {
  it.each(FAMILIES)("%s: a base URL's query stays a query, after the API path", async (family) => {
    server = await startServer((_request, response) => sendJson(response, 200, SUCCESS[family]));
    const result = await probeOne({
      provider: "custom",
      api: family,
      baseUrl: `${server.origin}/openai/v1/?api-version=2024-10-21`,
      model: "m-1",
      credential: KEY,
    });
    expect(result.status).toBe("ok");
    expect(server.requests[0]?.path).toBe(`${PATH[family]}?api-version=2024-10-21`);
  });

  it("a base URL with a user name and password is refused, and the password is not repeated", async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 200, SUCCESS["openai-completions"]),
    );
    const baseUrl = server.origin.replace("http://", "http://proxy-user:hunter2-Zq9@");
    const result = await probeOne({
      provider: "custom",
      api: "openai-completions",
      baseUrl,
      model: "m-1",
      credential: KEY,
    });
    expect(result).toMatchObject({ status: "unknown", reasonCode: "invalid_base_url" });
    expect(result.error).toContain("credentials belong in the auth store");
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(server.requests).toEqual([]);
  });
});

describe("isLoopbackHost", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "localhost",
    "LOCALHOST",
    "[::1]",
    "[::ffff:7f00:1]",
    "0.0.0.0",
    "[::]",
  ])("%s is", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    "10.0.0.5",
    "128.0.0.1",
    "192.168.1.20",
    "example.com",
    "localhost.example.com",
    "[::2]",
    "[fe80::1]",
  ])("%s is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it("sees through the URL parser's forms of 127.0.0.1", () => {
    for (const url of ["http://127.1:8080", "http://0x7f.1/", "http://2130706433/"])
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(true);
  });
});

describe("insecureTargets", () => {
  const lan = (extra: Partial<ProbeTarget> = {}): ProbeTarget => ({
    provider: "lan",
    api: "openai-completions",
    baseUrl: "http://192.168.1.20:8080/v1",
    model: "m-1",
    credential: KEY,
    ...extra,
  });

  it("names each origin a credential would reach over plain http once, with the targets that go there", () => {
    expect(
      insecureTargets([
        lan(),
        lan({ baseUrl: "https://192.168.1.20:8080/v1" }),
        lan({ model: "m-2" }),
        lan({
          baseUrl: "http://gpu-box.lan:11434",
          api: "ollama",
          credential: { type: "token", secret: KEY },
        }),
      ]),
    ).toEqual([
      { origin: "http://192.168.1.20:8080", targets: [0, 2] },
      { origin: "http://gpu-box.lan:11434", targets: [3] },
    ]);
  });

  it("a credential in a config header counts too", () => {
    expect(
      insecureTargets([
        lan({ credential: { type: "none" }, headers: { "x-proxy-token": "hdr-secret-123" } }),
      ]),
    ).toEqual([{ origin: "http://192.168.1.20:8080", targets: [0] }]);
  });

  it("leaves out loopback, targets that send no credential, and targets that send nothing", () => {
    const now = Date.parse("2026-11-23T10:00:00Z");
    expect(
      insecureTargets(
        [
          lan({ baseUrl: "http://127.0.0.1:11434" }),
          lan({ baseUrl: "http://localhost:11434" }),
          lan({ baseUrl: "http://[::1]:11434" }),
          lan({ credential: { type: "none" }, headers: { "HTTP-Referer": "https://example.com" } }),
          lan({ excludedByAuthOrder: true }),
          lan({ credential: { type: "token", secret: KEY, expiresAt: now - 1 } }),
          lan({ credential: { type: "unresolved", reason: "LAN_KEY is not set" } }),
          lan({ api: "bedrock-converse" }),
        ],
        { now },
      ),
    ).toEqual([]);
  });
});
