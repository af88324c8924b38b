// Scheduling, pre-flight outcomes, cancellation and misuse of probeAll / probeOne.
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../test/provider-server.js";
import { SUCCESS } from "../test/wire.js";
import { ProbeError } from "./errors.js";
import { probeAll, probeOne } from "./probe.js";
import type { ProbeResult } from "./schema.js";
import type { ProbeTarget } from "./target.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NOW = Date.parse("2026-11-23T10:00:00Z");
const target = (origin: string, extra: Partial<ProbeTarget> = {}): ProbeTarget => ({
  provider: "openrouter",
  baseUrl: origin,
  model: "meta-llama/llama-3.3-70b-instruct:free",
  credential: { type: "api_key", secret: "sk-or-v1-Xc5Bn8Qe2Lr7Tw4Y" },
  ...extra,
});

describe("scheduling", () => {
  it("never has more than `concurrency` requests in flight; results come as they finish and in target order", async () => {
    const total = 7;
    const concurrency = 3;
    let peak = 0;
    const held: Array<() => void> = [];
    let answered = 0;
    // Holds requests until `concurrency` are open (or the rest have all arrived), then answers them together.
    server = await startServer((request, response) => {
      held.push(() =>
        sendJson(response, 200, {
          ...SUCCESS["openai-completions"],
          model: (request.json as { model: string }).model,
        }),
      );
      peak = Math.max(peak, held.length);
      if (held.length === concurrency || answered + held.length === total) {
        answered += held.length;
        for (const release of held.splice(0)) release();
      }
    });
    const seen: number[] = [];
    const { origin } = server;
    const targets = Array.from({ length: total }, (_, index) => target(origin, { model: `model-${index}` }));
    const results = await probeAll(targets, { concurrency, onResult: (_result, index) => seen.push(index) });
    expect(peak).toBe(concurrency);
    expect(results.map((result) => result.model)).toEqual(targets.map((t) => t.model));
    expect(results.every((result) => result.status === "ok")).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("reports pre-flight results at once, without a request and without a queue slot", async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 200, SUCCESS["openai-completions"]),
    );
    const origin = server.origin;
    const targets: ProbeTarget[] = [
      target(origin, { profileId: "openrouter:a" }),
      target(origin, { profileId: "openrouter:b", excludedByAuthOrder: true }),
      target(origin, { profileId: "openrouter:c", credential: undefined }),
      target(origin, {
        profileId: "openrouter:d",
        credential: { type: "unresolved", reason: "OPENROUTER_API_KEY is not set" },
      }),
      target(origin, {
        profileId: "openrouter:e",
        credential: { type: "oauth", secret: "at-1", expiresAt: NOW - 1 },
      }),
      target(origin, { profileId: "openrouter:f", model: undefined }),
      target(origin, {
        profileId: "openrouter:h",
        credential: { type: "missing", reason: "the profile has no key" },
      }),
      target(origin, {
        profileId: "openrouter:g",
        credential: { type: "token", secret: "tk-live-Pq3", expiresAt: NOW + 60_000 },
      }),
    ];
    const order: string[] = [];
    const results = await probeAll(targets, { now: NOW, onResult: (result) => order.push(result.status) });
    expect(results.map((result: ProbeResult) => [result.profileId, result.status])).toEqual([
      ["openrouter:a", "ok"],
      ["openrouter:b", "excluded_by_auth_order"],
      ["openrouter:c", "missing_credential"],
      ["openrouter:d", "unresolved_ref"],
      ["openrouter:e", "expired"],
      ["openrouter:f", "no_model"],
      ["openrouter:h", "missing_credential"],
      ["openrouter:g", "ok"],
    ]);
    expect(server.requests).toHaveLength(2);
    expect(order.slice(0, 6)).toEqual([
      "excluded_by_auth_order",
      "missing_credential",
      "unresolved_ref",
      "expired",
      "no_model",
      "missing_credential",
    ]);
    const preflight = results.filter((result) => result.status !== "ok");
    for (const result of preflight) {
      expect(result.reasonCode).toBe(result.status);
      expect(result.latencyMs).toBeUndefined();
      expect(result.error).toBeTruthy();
    }
    expect(results[3]?.error).toContain("OPENROUTER_API_KEY is not set");
    expect(results[6]?.error).toContain("the profile has no key");
  });

  it("families it cannot speak are reported, not thrown", async () => {
    const result = await probeOne({
      provider: "amazon-bedrock",
      model: "anthropic.claude-3-haiku-20240307-v1:0",
      credential: { type: "api_key", secret: "AKIA-not-used" },
    });
    expect(result).toMatchObject({
      status: "unknown",
      reasonCode: "unsupported_api",
      api: "bedrock-converse-stream",
    });
    const unknownProvider = await probeOne({
      provider: "my-proxy",
      model: "m",
      credential: { type: "none" },
    });
    expect(unknownProvider.reasonCode).toBe("unsupported_api");
    expect(unknownProvider.error).toContain("models.providers.my-proxy.api");
  });

  it("a bad base URL is a result that names it", async () => {
    const result = await probeOne(target("not a url"));
    expect(result).toMatchObject({ status: "unknown", reasonCode: "invalid_base_url" });
    expect(result.error).toContain('"not a url"');
  });
});

describe("credential shapes", () => {
  it("takes a bare key, a Secret-like object, or a stored profile's fields", async () => {
    server = await startServer((request, response) =>
      sendJson(response, 200, { ...SUCCESS["anthropic-messages"], seen: request.headers["x-api-key"] }),
    );
    const origin = server.origin;
    const anthropic = (credential: ProbeTarget["credential"]): ProbeTarget => ({
      provider: "anthropic",
      baseUrl: origin,
      model: "claude-haiku-4-5",
      credential,
    });
    const results = await probeAll(
      [
        anthropic("sk-ant-bare-Kq2Wx"),
        anthropic({ reveal: () => "sk-ant-secret-Lp9Zt" }),
        anthropic({ type: "api_key", key: "sk-ant-stored-Mn4Vb" }),
        anthropic({ type: "token", token: "tok-Rj7", expires: NOW - 1 }),
        anthropic({ type: "oauth", access: "acc-Hy3", expires: NOW + 3_600_000 }),
        anthropic(null),
      ],
      { now: NOW, concurrency: 1 },
    );
    expect(results.map((result) => result.status)).toEqual([
      "ok",
      "ok",
      "ok",
      "expired",
      "ok",
      "missing_credential",
    ]);
    expect(
      server.requests.map((request) => request.headers["x-api-key"] ?? request.headers.authorization),
    ).toEqual(["sk-ant-bare-Kq2Wx", "sk-ant-secret-Lp9Zt", "sk-ant-stored-Mn4Vb", "Bearer acc-Hy3"]);
  });

  it("a credential without its secret is a ProbeError that says which field", async () => {
    const error = await probeAll([
      { provider: "openai", model: "m", credential: { type: "token" } as never },
    ]).catch((caught: unknown) => caught);
    expect((error as ProbeError).code).toBe("INVALID_TARGET");
    expect((error as Error).message).toContain("a token credential needs `secret` (or `token`)");
  });
});

describe("cancellation", () => {
  it("an abort stops running and queued probes and rejects with the reason", async () => {
    const stalled = await startServer(() => {});
    server = stalled;
    const controller = new AbortController();
    const started: number[] = [];
    const run = probeAll(
      Array.from({ length: 6 }, () => target(stalled.origin)),
      {
        concurrency: 2,
        timeoutMs: 60_000,
        signal: controller.signal,
        onStart: (index) => {
          started.push(index);
          if (started.length === 2) setTimeout(() => controller.abort(new Error("user cancelled")), 50);
        },
      },
    );
    await expect(run).rejects.toThrow("user cancelled");
    expect(started).toEqual([0, 1]);
    await expect.poll(() => stalled.inFlight()).toBe(0);
  });

  it("an already aborted signal sends nothing", async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 200, SUCCESS["openai-completions"]),
    );
    await expect(probeAll([target(server.origin)], { signal: AbortSignal.abort() })).rejects.toThrow();
    expect(server.requests).toHaveLength(0);
  });
});

describe("misuse is a ProbeError", () => {
  it.each([
    [{ timeoutMs: 0 }, /timeoutMs must be a positive integer/],
    [{ timeoutMs: -5 }, /timeoutMs/],
    [{ timeoutMs: 1.5 }, /timeoutMs/],
    [{ timeoutMs: Number.NaN }, /timeoutMs/],
    [{ timeoutMs: 2 ** 31 }, /up to 2147483647/],
    [{ concurrency: 0 }, /concurrency must be a positive integer, got 0/],
    [{ maxTokens: -1 }, /maxTokens/],
  ])("%o", async (options, message) => {
    const error = await probeAll([], options).catch((caught: unknown) => caught);
    expect(ProbeError.isInstance(error)).toBe(true);
    expect((error as ProbeError).code).toBe("INVALID_OPTION");
    expect((error as Error).message).toMatch(message);
  });

  it("a credential of an unknown type", async () => {
    const error = await probeAll([
      { provider: "openai", model: "m", credential: { type: "password" } as never },
    ]).catch((caught: unknown) => caught);
    expect((error as ProbeError).code).toBe("INVALID_TARGET");
    expect((error as Error).message).toContain(
      'targets[0]: credential.type "password" is not one of api_key',
    );
  });

  it("a target without a provider", async () => {
    const error = await probeAll([{ provider: " " }]).catch((caught: unknown) => caught);
    expect((error as ProbeError).code).toBe("INVALID_TARGET");
    expect((error as Error).message).toContain("targets[0].provider");
  });
});
