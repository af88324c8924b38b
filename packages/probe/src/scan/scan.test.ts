// A whole scan against a local OpenRouter: a 320-entry list in the real shape, every free tool model answering its
// own way, and the report that comes out of it, probed and metadata-only.
import { afterEach, describe, expect, it } from "vitest";
import { leaksOf } from "../../test/leaks.js";
import {
  type Behaviour,
  generateModelList,
  IMAGE_STATUS,
  isToolProbe,
  type OpenRouterServer,
  startOpenRouter,
  TOOL_STATUS,
} from "../../test/openrouter.js";
import { sendJson, startServer } from "../../test/provider-server.js";
import type { ScanProgress } from "./probe-candidates.js";
import { rankScanResults } from "./report.js";
import { scanOpenRouterModels } from "./scan.js";
import { ScanReportSchema } from "./schema.js";

const KEY = "sk-or-v1-Jd5Hg2Kf8Ls3Pa9Wm6Xn1Ce4";
const NOW = Date.parse("2026-11-23T10:00:00Z");
const servers: OpenRouterServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The generated list with a malformed entry added, one tool probe and one image probe that never answer. */
function scenario() {
  const { models, behaviours } = generateModelList();
  const list = [...models, { id: 7, name: "broken entry" }];
  const changed = new Map(behaviours);
  const [first] = [...changed.keys()];
  const image = [...changed].find(([, behaviour]) => behaviour.image !== undefined)?.[0];
  changed.set(first as string, { ...(changed.get(first as string) as Behaviour), tool: "hang" });
  changed.set(image as string, { ...(changed.get(image as string) as Behaviour), image: "hang" });
  return { list, behaviours: changed };
}

async function openRouter(list: readonly unknown[], behaviours: ReadonlyMap<string, Behaviour>) {
  const server = await startOpenRouter({ models: list, behaviours, key: KEY });
  servers.push(server);
  return server;
}

describe("scanOpenRouterModels", () => {
  it("probes every free tool model of a 320-entry list and reports what each one did", async () => {
    const { list, behaviours } = scenario();
    const server = await openRouter(list, behaviours);
    const progress: ScanProgress[] = [];
    const report = await scanOpenRouterModels({
      baseUrl: server.baseUrl,
      credential: KEY,
      timeoutMs: 2000,
      concurrency: 8,
      now: NOW,
      onProgress: (update) => progress.push(update),
    });

    expect(ScanReportSchema.parse(report)).toEqual(report);
    expect(report.results).toHaveLength(behaviours.size);
    expect(report.warnings).toEqual([
      "Skipped models[320] of the model list: id: expected string, got number.",
    ]);
    for (const result of report.results) {
      const behaviour = behaviours.get(result.id) as Behaviour;
      expect(result.tool?.status, result.id).toBe(TOOL_STATUS[behaviour.tool]);
      if (behaviour.image === undefined) expect(result.image, result.id).toBeNull();
      else expect(result.image?.status, result.id).toBe(IMAGE_STATUS[behaviour.image]);
    }
    expect(report.results.filter((result) => result.tool?.status === "timeout")).toHaveLength(1);
    expect(report.results.filter((result) => result.image?.status === "timeout")).toHaveLength(1);

    // One tool request per candidate, one image request per candidate that takes images, nothing for the others.
    const imageModels = [...behaviours.values()].filter((behaviour) => behaviour.image !== undefined).length;
    expect(server.chats().filter(isToolProbe)).toHaveLength(behaviours.size);
    expect(server.chats().filter((request) => !isToolProbe(request))).toHaveLength(imageModels);
    expect(new Set(server.chats().map((request) => (request.json as { model: string }).model))).toEqual(
      new Set(behaviours.keys()),
    );

    // Ranked, and picked from the rank: the tool-capable ones, image-capable first.
    expect(report.results.map((result) => result.id)).toEqual(
      rankScanResults(report.results).map((r) => r.id),
    );
    const toolOk = report.results.filter((result) => result.tool?.status === "ok");
    expect(report.selected).toEqual(toolOk.slice(0, 6).map((result) => result.ref));
    expect(report.selected).toHaveLength(6);
    const [best] = report.results;
    expect(best?.tool?.status).toBe("ok");
    if (toolOk.some((result) => result.image?.status === "ok")) expect(best?.image?.status).toBe("ok");
    expect(report.selectedImages.length).toBeGreaterThan(0);
    for (const ref of report.selectedImages)
      expect(report.results.find((result) => result.ref === ref)?.image?.status).toBe("ok");

    expect(progress[0]).toEqual({ completed: 0, total: behaviours.size });
    expect(progress.at(-1)?.completed).toBe(behaviours.size);
  });

  it("metadata only (probe: false): the same candidates, nothing sent to them, nothing selected", async () => {
    const { list, behaviours } = scenario();
    const server = await openRouter(list, behaviours);
    const report = await scanOpenRouterModels({ baseUrl: server.baseUrl, probe: false, now: NOW });
    expect(server.chats()).toHaveLength(0);
    expect(new Set(report.results.map((result) => result.id))).toEqual(new Set(behaviours.keys()));
    expect(report.results.every((result) => result.tool === null && result.image === null)).toBe(true);
    expect(report).toMatchObject({ selected: [], selectedImages: [], setDefault: false, setImage: false });
    // Ranked by context length, then size, then id.
    const contexts = report.results.map((result) => result.contextLength ?? -1);
    expect(contexts).toEqual([...contexts].sort((a, b) => b - a));
  });

  it("is metadata only without a credential, and never sends the key it does not have", async () => {
    const { list, behaviours } = scenario();
    const server = await openRouter(list, behaviours);
    const report = await scanOpenRouterModels({ baseUrl: server.baseUrl, now: NOW });
    expect(report.results.length).toBe(behaviours.size);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("applies the filters before probing", async () => {
    const { list, behaviours } = scenario();
    const server = await openRouter(list, behaviours);
    const report = await scanOpenRouterModels({
      baseUrl: server.baseUrl,
      credential: KEY,
      provider: "qwen",
      minParamsB: 8,
      maxAgeDays: 1500,
      now: NOW,
    });
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.length).toBeLessThan(behaviours.size);
    for (const result of report.results) {
      expect(result.id.startsWith("qwen/")).toBe(true);
      expect(result.paramsB).toBeGreaterThanOrEqual(8);
      if (result.created !== null)
        expect(NOW - Date.parse(result.created)).toBeLessThanOrEqual(1500 * 86_400_000);
    }
    expect(server.chats().filter(isToolProbe)).toHaveLength(report.results.length);
  });

  it("a model list that cannot be read ends the scan with its ProbeError, before any probe", async () => {
    const server = await startOpenRouter({
      models: [],
      behaviours: new Map(),
      key: KEY,
      list: (response) => sendJson(response, 500, { error: { message: "Internal Server Error", code: 500 } }),
    });
    servers.push(server);
    await expect(scanOpenRouterModels({ baseUrl: server.baseUrl, credential: KEY })).rejects.toMatchObject({
      code: "MODEL_LIST_HTTP",
      httpStatus: 500,
    });
    expect(server.chats()).toHaveLength(0);
  });

  it("refuses to probe without a credential, and bad options, before fetching anything", async () => {
    const server = await openRouter([], new Map());
    for (const options of [
      { probe: true },
      { credential: { type: "missing", reason: "no key" } as const, probe: true },
      { credential: KEY, maxCandidates: 0 },
      { credential: KEY, concurrency: 0 },
      { credential: KEY, minParamsB: -1 },
    ])
      await expect(scanOpenRouterModels({ baseUrl: server.baseUrl, ...options })).rejects.toMatchObject({
        code: "INVALID_OPTION",
      });
    expect(server.requests).toHaveLength(0);
  });

  it("the key never comes back in the report, whatever the server echoes", async () => {
    const { models } = generateModelList({ count: 40 });
    const echo = `Invalid key ${KEY} (${Buffer.from(KEY).toString("base64url")})`;
    const hostile = await startServer((request, response) => {
      if (request.method === "GET")
        return sendJson(response, 200, {
          data: [...models, { id: `evil/${KEY}:free`, supported_parameters: ["tools"] }],
        });
      sendJson(response, 401, { error: { message: echo, code: KEY } }, { "x-ratelimit-limit": KEY });
    });
    servers.push({ ...hostile, baseUrl: hostile.origin, chats: () => [] });
    const report = await scanOpenRouterModels({ baseUrl: hostile.origin, credential: KEY, now: NOW });
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.every((result) => result.tool?.status === "auth")).toBe(true);
    expect(report.warnings).toEqual([
      "Skipped models[40] of the model list: it repeats the credential that was sent.",
    ]);
    expect(leaksOf(JSON.stringify(report), KEY)).toEqual([]);
  });
});
