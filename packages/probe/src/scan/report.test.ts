import { describe, expect, it } from "vitest";
import { buildScanReport, rankScanResults } from "./report.js";
import { type ScanProbe, ScanReportSchema, type ScanResult } from "./schema.js";

const ok = (latencyMs: number): ScanProbe => ({ status: "ok", latencyMs, httpStatus: 200 });
const failed: ScanProbe = {
  status: "format",
  latencyMs: 5,
  httpStatus: 404,
  error: "HTTP 404: No endpoints",
};

function result(id: string, extra: Partial<ScanResult> = {}): ScanResult {
  return {
    ref: `openrouter/${id}`,
    id,
    name: id,
    contextLength: 32_768,
    maxCompletionTokens: null,
    created: null,
    inputModalities: ["text"],
    isFree: true,
    paramsB: null,
    tool: null,
    image: null,
    ...extra,
  };
}
const ids = (results: readonly ScanResult[]) => results.map((entry) => entry.id);

describe("rankScanResults", () => {
  it("tool ok first, then image ok, then the faster tool call", () => {
    const ranked = rankScanResults([
      result("tool-fails-image-ok", { tool: failed, image: ok(10) }),
      result("tool-slow", { tool: ok(900) }),
      result("tool-fast", { tool: ok(100) }),
      result("tool-and-image-slow", { tool: ok(1500), image: ok(50) }),
      result("tool-and-image-fast", { tool: ok(300), image: ok(900) }),
      result("tool-ok-image-fails", { tool: ok(50), image: failed }),
    ]);
    expect(ids(ranked)).toEqual([
      "tool-and-image-fast",
      "tool-and-image-slow",
      "tool-ok-image-fails",
      "tool-fast",
      "tool-slow",
      "tool-fails-image-ok",
    ]);
  });

  it("then the longer context, the larger model, and the id", () => {
    const ranked = rankScanResults([
      result("b-small", { tool: ok(100), paramsB: 8 }),
      result("no-context", { tool: ok(100), contextLength: null, paramsB: 400 }),
      result("long-context", { tool: ok(100), contextLength: 1_048_576 }),
      result("a-unknown-size", { tool: ok(100) }),
      result("c-large", { tool: ok(100), paramsB: 70 }),
      result("a-small", { tool: ok(100), paramsB: 8 }),
    ]);
    expect(ids(ranked)).toEqual([
      "long-context",
      "c-large",
      "a-small",
      "b-small",
      "a-unknown-size",
      "no-context",
    ]);
  });

  it("failed probes do not rank by how fast they failed", () => {
    const ranked = rankScanResults([
      result("fast-failure", { tool: { ...failed, latencyMs: 1 }, contextLength: 8192 }),
      result("slow-failure", { tool: { ...failed, latencyMs: 9000 }, contextLength: 131_072 }),
      result("timed-out", { tool: { status: "timeout", latencyMs: 12_000 }, contextLength: 65_536 }),
    ]);
    expect(ids(ranked)).toEqual(["slow-failure", "timed-out", "fast-failure"]);
  });

  it("unprobed results (metadata only) rank by context, size and id", () => {
    const ranked = rankScanResults([
      result("b", { contextLength: 8192, paramsB: 70 }),
      result("c", { contextLength: 131_072, paramsB: 7 }),
      result("a", { contextLength: 8192, paramsB: 70 }),
    ]);
    expect(ids(ranked)).toEqual(["c", "a", "b"]);
  });

  it("sorts by code unit, not locale, and returns a copy", () => {
    const given = [result("b"), result("B"), result("a"), result("é")];
    expect(ids(rankScanResults(given))).toEqual(["B", "a", "b", "é"]);
    expect(ids(given)).toEqual(["b", "B", "a", "é"]);
  });
});

describe("buildScanReport", () => {
  const results = [
    result("text-fast", { tool: ok(100) }),
    result("vision-a", { tool: ok(800), image: ok(400), inputModalities: ["text", "image"] }),
    result("vision-b", { tool: ok(200), image: ok(900), inputModalities: ["text", "image"] }),
    result("vision-no-tools", { tool: failed, image: ok(100), inputModalities: ["text", "image"] }),
    result("broken", { tool: failed }),
    result("text-slow", { tool: ok(700) }),
  ];

  it("selects tool-capable models in rank order and image models fastest first", () => {
    const report = buildScanReport(results);
    expect(report.selected).toEqual([
      "openrouter/vision-b",
      "openrouter/vision-a",
      "openrouter/text-fast",
      "openrouter/text-slow",
    ]);
    expect(report.selectedImages).toEqual([
      "openrouter/vision-no-tools",
      "openrouter/vision-a",
      "openrouter/vision-b",
    ]);
    expect(ids(report.results)).toEqual(ids(rankScanResults(results)));
    expect(report).toMatchObject({ setDefault: false, setImage: false, warnings: [] });
    expect(ScanReportSchema.parse(report)).toEqual(report);
  });

  it("picks at most maxCandidates of each", () => {
    const report = buildScanReport(results, { maxCandidates: 2 });
    expect(report.selected).toEqual(["openrouter/vision-b", "openrouter/vision-a"]);
    expect(report.selectedImages).toEqual(["openrouter/vision-no-tools", "openrouter/vision-a"]);
    expect(report.results).toHaveLength(6);
  });

  it("a metadata-only scan selects nothing: nothing was verified", () => {
    const report = buildScanReport([result("a"), result("b", { inputModalities: ["text", "image"] })]);
    expect(report.selected).toEqual([]);
    expect(report.selectedImages).toEqual([]);
    expect(ids(report.results)).toEqual(["a", "b"]);
  });

  it("carries the model list's warnings", () => {
    const warnings = ["Skipped models[3] of the model list: id: expected string, got number."];
    expect(buildScanReport([], { warnings }).warnings).toEqual(warnings);
  });

  it("refuses a maxCandidates that is not a positive integer", () => {
    for (const maxCandidates of [0, -1, 2.5, Number.NaN])
      expect(() => buildScanReport([], { maxCandidates })).toThrow(
        expect.objectContaining({ code: "INVALID_OPTION" }),
      );
  });
});
