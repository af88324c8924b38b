// The usage cache in a real temp agent folder: the merge (a failed provider keeps its snapshot), what it refuses to
// overwrite, what it keeps that it does not know, and no secret in the file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { leaksOf } from "../test/leaks.js";
import { sendJson, startServer } from "../test/provider-server.js";
import { ProbeError, UsageCacheError } from "./errors.js";
import { readUsageCache, USAGE_CACHE_FILE, updateUsageCache, usageCachePath } from "./usage-cache.js";
import { fetchUsageSnapshots } from "./usage-fetch.js";
import type { UsageSnapshot } from "./usage-schema.js";

let root: string;
let agentDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-usage-"));
  agentDir = join(root, "agent");
  mkdirSync(agentDir, { recursive: true, mode: 0o700 });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const ok = (provider: string, used: number, fetchedAt = "2026-11-23T10:00:00.000Z"): UsageSnapshot => ({
  provider,
  fetchedAt,
  status: "ok",
  windows: [{ label: "5h", usedPercent: used, resetsAt: "2026-11-23T12:00:00.000Z" }],
});
const failed = (provider: string): UsageSnapshot => ({
  provider,
  fetchedAt: "2026-11-24T10:00:00.000Z",
  status: "auth",
  windows: [],
  note: "HTTP 401: expired",
});
const fileText = () => readFileSync(usageCachePath(agentDir), "utf8");

describe("reading", () => {
  it("no file (or no folder) is an empty cache", async () => {
    expect(await readUsageCache(agentDir)).toEqual({
      path: join(agentDir, USAGE_CACHE_FILE),
      providers: {},
      ignored: [],
    });
    expect((await readUsageCache(join(root, "nowhere"))).providers).toEqual({});
  });

  it("reads what an update wrote, with its time", async () => {
    await updateUsageCache(agentDir, [ok("openai-codex", 20)]);
    const cache = await readUsageCache(agentDir);
    expect(cache.providers["openai-codex"]).toEqual(ok("openai-codex", 20));
    expect(JSON.parse(fileText())).toMatchObject({
      version: 1,
      providers: { "openai-codex": { status: "ok" } },
    });
  });

  it("a malformed snapshot is left out and listed; the rest is read", async () => {
    writeFileSync(
      usageCachePath(agentDir),
      JSON.stringify({
        version: 1,
        providers: { anthropic: { status: "ok" }, "openai-codex": ok("openai-codex", 5) },
      }),
    );
    const cache = await readUsageCache(agentDir);
    expect(Object.keys(cache.providers)).toEqual(["openai-codex"]);
    expect(cache.ignored.map((entry) => entry.provider)).toEqual(["anthropic"]);
  });
});

describe("updating", () => {
  it("a failed provider keeps its old snapshot; an ok one replaces its own", async () => {
    await updateUsageCache(agentDir, [ok("openai-codex", 20), ok("anthropic", 10)]);
    const update = await updateUsageCache(agentDir, [
      failed("openai-codex"),
      ok("anthropic", 50, "2026-11-24T10:00:00.000Z"),
    ]);
    expect(update).toMatchObject({ written: true, updated: ["anthropic"], kept: ["openai-codex"] });
    expect(update.cache.providers["openai-codex"]).toEqual(ok("openai-codex", 20));
    expect(update.cache.providers.anthropic?.windows[0]?.usedPercent).toBe(50);
  });

  it("writes nothing when nothing changed, and no file when nothing succeeded", async () => {
    expect((await updateUsageCache(agentDir, [failed("anthropic")])).written).toBe(false);
    expect(() => fileText()).toThrow();
    await updateUsageCache(agentDir, [ok("anthropic", 1)]);
    expect((await updateUsageCache(agentDir, [ok("anthropic", 1)])).written).toBe(false);
  });

  it("keeps keys it does not know", async () => {
    writeFileSync(usageCachePath(agentDir), JSON.stringify({ version: 1, future: { a: 1 }, providers: {} }));
    await updateUsageCache(agentDir, [ok("anthropic", 1)]);
    expect(JSON.parse(fileText()).future).toEqual({ a: 1 });
  });

  it("a corrupt file or another version is a UsageCacheError, and is never overwritten", async () => {
    for (const text of ["{ not json", JSON.stringify({ version: 2, providers: {} }), "[]"]) {
      writeFileSync(usageCachePath(agentDir), text);
      for (const attempt of [readUsageCache(agentDir), updateUsageCache(agentDir, [ok("anthropic", 1)])]) {
        const error = await attempt.then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(UsageCacheError.isInstance(error) && error.code).toBe("CACHE_INVALID");
      }
      expect(fileText()).toBe(text);
    }
  });

  it("refuses what is not a fetchUsageSnapshots result, and two for one provider", async () => {
    await expect(
      updateUsageCache(agentDir, [{ provider: "x" } as unknown as UsageSnapshot]),
    ).rejects.toSatisfy((error) => ProbeError.isInstance(error) && error.code === "INVALID_OPTION");
    await expect(updateUsageCache(agentDir, [ok("anthropic", 1), ok("Anthropic", 2)])).rejects.toThrow(
      /again/,
    );
  });

  it("a fetch through to the file leaves no trace of the token in it", async () => {
    const canary = "gho_CANARYusage0cache5f3e2d1c";
    const server = await startServer((_, response) =>
      sendJson(response, 200, { copilot_plan: canary, quota_snapshots: { chat: { unlimited: true } } }),
    );
    try {
      const snapshots = await fetchUsageSnapshots([
        { provider: "github-copilot", credential: { type: "token", token: canary }, usageUrl: server.origin },
      ]);
      await updateUsageCache(agentDir, snapshots);
      expect(leaksOf(fileText(), canary)).toEqual([]);
      expect((await readUsageCache(agentDir)).providers["github-copilot"]?.windows).toEqual([
        { label: "Chat", usedPercent: 0, unlimited: true },
      ]);
    } finally {
      await server.close();
    }
  });
});
