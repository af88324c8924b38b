// The model cache in a real temp agent folder: its format, the merge (a failed provider keeps its entry), what it
// refuses to overwrite, what it keeps that it does not know, writers in two processes, and no secret in the file.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { leaksOf } from "../test/leaks.js";
import { sendJson, startServer, type TestServer } from "../test/provider-server.js";
import { ModelCacheError, ProbeError } from "./errors.js";
import { fetchLiveModels } from "./live-models.js";
import type { LiveModelsResult } from "./live-models-schema.js";
import { MODEL_CACHE_FILE, modelCachePath, readModelCache, updateModelCache } from "./model-cache.js";
import { modelCacheFileSchema } from "./model-cache-schema.js";

let agentDir: string;
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-cache-"));
  agentDir = join(root, "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true, mode: 0o700 });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const ok = (provider: string, ids: string[], fetchedAt = "2026-11-23T10:00:00.000Z"): LiveModelsResult => ({
  provider,
  api: "openai-completions",
  status: "ok",
  httpStatus: 200,
  models: ids.map((id) => ({ id })),
  fetchedAt,
});
const failed = (provider: string, status: LiveModelsResult["status"] = "auth"): LiveModelsResult => ({
  provider,
  status,
  error: "HTTP 401: invalid x-api-key",
  models: [],
  fetchedAt: "2026-11-24T10:00:00.000Z",
});
const fileText = () => readFileSync(modelCachePath(agentDir), "utf8");
const fileJson = () => JSON.parse(fileText());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("reading", () => {
  it("no file (or no folder yet) is an empty cache", async () => {
    expect(await readModelCache(agentDir)).toEqual({
      path: join(agentDir, MODEL_CACHE_FILE),
      providers: {},
      ignored: [],
    });
    expect((await readModelCache(join(root, "nowhere"))).providers).toEqual({});
  });

  it("reads what an update wrote", async () => {
    await updateModelCache(agentDir, [ok("openrouter", ["a/b", "c/d"])]);
    const cache = await readModelCache(agentDir);
    expect(cache.providers.openrouter).toEqual({
      fetchedAt: "2026-11-23T10:00:00.000Z",
      api: "openai-completions",
      models: [{ id: "a/b" }, { id: "c/d" }],
    });
  });

  it("its provider map has no prototype: `toString` is no provider, `__proto__` is one like any other", async () => {
    writeFileSync(
      modelCachePath(agentDir),
      JSON.stringify({
        version: 1,
        providers: { ["__proto__"]: { fetchedAt: "2026-11-23T10:00:00.000Z", models: [{ id: "m" }] } },
      }),
    );
    const cache = await readModelCache(agentDir);
    expect(cache.providers.toString).toBeUndefined();
    expect(Object.keys(cache.providers)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(cache.providers)).toBeNull();
  });

  it("a malformed provider entry is left out and named, the others are read", async () => {
    writeFileSync(
      modelCachePath(agentDir),
      JSON.stringify({
        version: 1,
        providers: {
          openrouter: { fetchedAt: "yesterday", models: [] },
          groq: { fetchedAt: "2026-11-23T10:00:00.000Z", models: [{ id: "llama" }] },
        },
      }),
    );
    const cache = await readModelCache(agentDir);
    expect(Object.keys(cache.providers)).toEqual(["groq"]);
    expect(cache.ignored).toEqual([
      { provider: "openrouter", problem: expect.stringMatching(/^fetchedAt: /) },
    ]);
  });
});

describe("the file", () => {
  it("is { version: 1, providers: { <id>: { fetchedAt, api, models } } }, plain JSON, mode 0600", async () => {
    const update = await updateModelCache(agentDir, [
      ok("openrouter", ["meta-llama/llama-3.3-70b-instruct:free"]),
      failed("anthropic"),
    ]);
    expect(update).toMatchObject({ written: true, updated: ["openrouter"], kept: ["anthropic"] });
    const text = fileText();
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      providers: {
        openrouter: {
          fetchedAt: "2026-11-23T10:00:00.000Z",
          api: "openai-completions",
          models: [{ id: "meta-llama/llama-3.3-70b-instruct:free" }],
        },
      },
    });
    expect(modelCacheFileSchema().safeParse(JSON.parse(text)).success).toBe(true);
    expect(statSync(modelCachePath(agentDir)).mode & 0o777).toBe(0o600);
  });

  it("goes under the agent folder, creating it (0700) when it is not there yet", async () => {
    const fresh = join(root, "agents", "work", "agent");
    await updateModelCache(fresh, [ok("groq", ["llama"])]);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(join(fresh, MODEL_CACHE_FILE), "utf8")).providers.groq.models).toEqual([
      { id: "llama" },
    ]);
  });

  it("keys providers by canonical id", async () => {
    await updateModelCache(agentDir, [ok("OpenRouter", ["x"])]);
    expect(Object.keys(fileJson().providers)).toEqual(["openrouter"]);
  });
});

describe("merging", () => {
  it("a provider listed ok gets the new list; one that failed keeps its old entry, fetchedAt and all", async () => {
    await updateModelCache(agentDir, [ok("openrouter", ["old/a"]), ok("anthropic", ["claude-haiku-4-5"])]);
    const before = fileJson().providers.anthropic;
    const update = await updateModelCache(agentDir, [
      ok("openrouter", ["new/a", "new/b"], "2026-11-24T10:00:00.000Z"),
      failed("anthropic", "rate_limit"),
    ]);
    expect(update).toMatchObject({ written: true, updated: ["openrouter"], kept: ["anthropic"] });
    const { providers } = fileJson();
    expect(providers.openrouter).toEqual({
      fetchedAt: "2026-11-24T10:00:00.000Z",
      api: "openai-completions",
      models: [{ id: "new/a" }, { id: "new/b" }],
    });
    expect(providers.anthropic).toEqual(before);
    expect(update.cache.providers.anthropic).toEqual(before);
  });

  it("providers not in the results are left alone; a failure without an old entry adds none", async () => {
    await updateModelCache(agentDir, [ok("groq", ["llama"])]);
    await updateModelCache(agentDir, [ok("openrouter", ["x"]), failed("google", "network")]);
    expect(Object.keys(fileJson().providers)).toEqual(["groq", "openrouter"]);
  });

  it("an ok list that is empty replaces the old one: the server has no models now", async () => {
    await updateModelCache(agentDir, [ok("ollama", ["llama3.2"])]);
    await updateModelCache(agentDir, [ok("ollama", [])]);
    expect(fileJson().providers.ollama.models).toEqual([]);
  });

  it("writes nothing when nothing changes, and creates no file for failures alone", async () => {
    const none = await updateModelCache(agentDir, [failed("openrouter")]);
    expect(none.written).toBe(false);
    expect(() => statSync(modelCachePath(agentDir))).toThrow();

    await updateModelCache(agentDir, [ok("groq", ["llama"])]);
    const { mtimeMs } = statSync(modelCachePath(agentDir));
    const again = await updateModelCache(agentDir, [ok("groq", ["llama"]), failed("openrouter")]);
    expect(again.written).toBe(false);
    expect(statSync(modelCachePath(agentDir)).mtimeMs).toBe(mtimeMs);
  });

  it("keeps what it does not know: other keys, unknown fields of entries, exact numbers, malformed entries", async () => {
    const original = {
      version: 1,
      note: "written by a newer modelctl",
      providers: {
        groq: {
          fetchedAt: "2026-11-23T10:00:00.000Z",
          models: [{ id: "llama", input: ["text"] }],
          etag: 'W/"abc"',
        },
        broken: { fetchedAt: 12 },
      },
    };
    writeFileSync(
      modelCachePath(agentDir),
      JSON.stringify(original, null, 2).replace('"note"', '"big": 12345678901234567890,\n  "note"'),
    );
    await updateModelCache(agentDir, [ok("openrouter", ["x"])]);
    const text = fileText();
    expect(text).toContain('"big": 12345678901234567890');
    const written = JSON.parse(text);
    expect(written.note).toBe(original.note);
    expect(written.providers.groq).toEqual(original.providers.groq);
    expect(written.providers.broken).toEqual(original.providers.broken);
    expect(written.providers.openrouter.models).toEqual([{ id: "x" }]);

    // A refresh of the malformed one replaces it.
    const update = await updateModelCache(agentDir, [ok("broken", ["fixed"])]);
    expect(update.cache.ignored).toEqual([]);
    expect(fileJson().providers.broken.models).toEqual([{ id: "fixed" }]);
  });

  it("refuses results that are not fetchLiveModels results, and two for one provider: ProbeError", async () => {
    const bad = await rejection(
      updateModelCache(agentDir, [{ ...ok("groq", ["x"]), fetchedAt: "now" } as LiveModelsResult]),
    );
    expect(ProbeError.isInstance(bad) && bad.code).toBe("INVALID_OPTION");
    expect((bad as Error).message).toMatch(/results\[0\].*fetchedAt/);
    const twice = await rejection(updateModelCache(agentDir, [ok("groq", ["x"]), failed("Groq")]));
    expect((twice as Error).message).toMatch(/results\[1\] is for provider "groq" again/);
    const notAnId = await rejection(updateModelCache(agentDir, [ok("__proto__", ["x"])]));
    expect(ProbeError.isInstance(notAnId)).toBe(true);
    expect(() => statSync(modelCachePath(agentDir))).toThrow();
  });
});

describe("a file that is not a cache is never overwritten", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["not JSON (cut short)", '{ "version": 1, "providers": { "groq": ', /is not valid JSON \(line 1, column/],
    ["another version", '{ "version": 2, "providers": {} }', /version 2, which this modelctl cannot read/],
    ["no version", '{ "providers": {} }', /has no "version": 1/],
    ["an array", "[1, 2]", /holds an array, not an object/],
    ["providers not an object", '{ "version": 1, "providers": [] }', /"providers", not an object/],
    ["the same key twice", '{ "version": 1, "version": 1, "providers": {} }', /cannot be rewritten/],
  ];
  for (const [name, text, message] of cases)
    it(`${name}: CACHE_INVALID naming the file, for a read and for an update; the bytes stay`, async () => {
      const path = modelCachePath(agentDir);
      writeFileSync(path, text);
      if (name !== "the same key twice") {
        const read = await rejection(readModelCache(agentDir));
        expect(ModelCacheError.isInstance(read) && read.code).toBe("CACHE_INVALID");
        expect((read as ModelCacheError).path).toBe(path);
        expect((read as Error).message).toContain(path);
        expect((read as Error).message).toMatch(message);
      }
      const update = await rejection(updateModelCache(agentDir, [ok("groq", ["llama"])]));
      expect(ModelCacheError.isInstance(update) && update.code).toBe("CACHE_INVALID");
      expect((update as Error).message).toMatch(message);
      expect(readFileSync(path, "utf8")).toBe(text);
    });

  it("a folder where the file should be: CACHE_UNREADABLE", async () => {
    mkdirSync(modelCachePath(agentDir));
    const read = await rejection(readModelCache(agentDir));
    expect(ModelCacheError.isInstance(read) && read.code).toBe("CACHE_UNREADABLE");
  });
});

describe("writers in two processes", () => {
  const WRITER = fileURLToPath(new URL("../test/cache-writer.ts", import.meta.url));
  const HOOKS = fileURLToPath(new URL("../test/ts-hooks.mjs", import.meta.url));
  const writer = (name: string, updates: number) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          "--experimental-transform-types",
          "--disable-warning=ExperimentalWarning",
          "--import",
          HOOKS,
          WRITER,
          agentDir,
          name,
          String(updates),
        ],
        { stdio: ["ignore", "ignore", "inherit"] },
      );
      child.on("exit", resolve);
    });

  it("lose nothing: every provider each of them added is in the file", async () => {
    const updates = 15;
    expect(await Promise.all([writer("a", updates), writer("b", updates)])).toEqual([0, 0]);
    const { providers } = await readModelCache(agentDir);
    const expected = ["a", "b"].flatMap((name) => Array.from({ length: updates }, (_, i) => `${name}-${i}`));
    expect(Object.keys(providers).sort()).toEqual(expected.sort());
  });
});

describe("no secret in the file", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("a listing whose server echoes the key: the cache written from it holds none of it", async () => {
    const KEY = "sk-or-v1-Cq7Rt2Lm9Xw4Zp8Nb3Vk6Js1";
    server = await startServer((_request, response) =>
      sendJson(response, 200, {
        data: [
          { id: "meta-llama/llama-3.3-70b-instruct:free", name: "Llama" },
          { id: `user-${KEY}` },
          { id: "echo", name: Buffer.from(KEY).toString("base64") },
        ],
      }),
    );
    const results = await fetchLiveModels([
      { provider: "openrouter", baseUrl: server.origin, credential: KEY },
    ]);
    await updateModelCache(agentDir, results);
    const text = fileText();
    expect(leaksOf(text, KEY)).toEqual([]);
    expect(JSON.parse(text).providers.openrouter.models).toEqual([
      { id: "meta-llama/llama-3.3-70b-instruct:free", name: "Llama" },
      { id: "echo" },
    ]);
  });
});
