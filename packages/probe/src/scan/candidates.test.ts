import { describe, expect, it } from "vitest";
import { generateModelList } from "../../test/openrouter.js";
import { isFreeModel, selectScanCandidates, toScanResult } from "./candidates.js";
import { type OpenRouterModel, OpenRouterModelSchema, ScanResultSchema } from "./schema.js";

const NOW = Date.parse("2026-11-23T10:00:00Z");
const DAY = 86_400;
const model = (id: string, extra: Partial<OpenRouterModel> = {}): OpenRouterModel => ({
  id,
  pricing: { prompt: "0", completion: "0" },
  supported_parameters: ["max_tokens", "tools", "tool_choice"],
  ...extra,
});
const ids = (models: readonly { id: string }[]) => models.map((entry) => entry.id);

describe("isFreeModel", () => {
  it("an id ending in :free is free, whatever its price says", () => {
    expect(
      isFreeModel({
        id: "meta-llama/llama-3.3-70b-instruct:free",
        pricing: { prompt: "0.1", completion: "1" },
      }),
    ).toBe(true);
  });

  it("a zero prompt and a zero completion price are free, as strings or numbers", () => {
    expect(isFreeModel({ id: "a/b", pricing: { prompt: "0", completion: "0" } })).toBe(true);
    expect(isFreeModel({ id: "a/b", pricing: { prompt: "0.0000000", completion: 0 } })).toBe(true);
  });

  it("one price above zero, a router's -1, a price missing or not a number: not free", () => {
    expect(isFreeModel({ id: "a/b", pricing: { prompt: "0", completion: "0.0000006" } })).toBe(false);
    expect(isFreeModel({ id: "openrouter/auto", pricing: { prompt: "-1", completion: "-1" } })).toBe(false);
    expect(isFreeModel({ id: "a/b", pricing: { prompt: "0" } })).toBe(false);
    expect(isFreeModel({ id: "a/b", pricing: { prompt: "", completion: "" } })).toBe(false);
    expect(isFreeModel({ id: "a/b", pricing: { prompt: "free", completion: "0" } })).toBe(false);
    expect(isFreeModel({ id: "a/b" })).toBe(false);
    expect(isFreeModel({ id: "a/b:freebie" })).toBe(false);
  });
});

describe("toScanResult", () => {
  it("reads the fields OpenRouter really sends", () => {
    const result = toScanResult(
      model("qwen/qwen2.5-vl-72b-instruct:free", {
        name: "Qwen: Qwen2.5 VL 72B Instruct (free)",
        created: 1_738_410_000,
        context_length: 131_072,
        architecture: {
          input_modalities: ["text", "image"],
          output_modalities: ["text"],
          modality: "text+image->text",
        },
        top_provider: { context_length: 131_072, max_completion_tokens: 2048, is_moderated: false },
      }),
    );
    expect(result).toEqual({
      ref: "openrouter/qwen/qwen2.5-vl-72b-instruct:free",
      id: "qwen/qwen2.5-vl-72b-instruct:free",
      name: "Qwen: Qwen2.5 VL 72B Instruct (free)",
      contextLength: 131_072,
      maxCompletionTokens: 2048,
      created: "2025-02-01T11:40:00.000Z",
      inputModalities: ["text", "image"],
      isFree: true,
      paramsB: 72,
      tool: null,
      image: null,
    });
    expect(ScanResultSchema.parse(result)).toEqual(result);
  });

  it("fills what the list leaves out: name from the id, text input, nulls", () => {
    expect(toScanResult({ id: "x/y", name: null, context_length: null, top_provider: null })).toMatchObject({
      name: "x/y",
      contextLength: null,
      maxCompletionTokens: null,
      created: null,
      inputModalities: ["text"],
      paramsB: null,
    });
  });

  it("reads the input side of architecture.modality when input_modalities is absent", () => {
    expect(
      toScanResult(model("x/y", { architecture: { modality: "text+image->text" } })).inputModalities,
    ).toEqual(["text", "image"]);
  });

  it("takes the top provider's context length when the model's is missing", () => {
    expect(toScanResult(model("x/y", { top_provider: { context_length: 8192 } })).contextLength).toBe(8192);
  });
});

describe("selectScanCandidates", () => {
  const list = generateModelList().models.map((entry) => OpenRouterModelSchema.parse(entry));

  it("keeps the free models that take tools, in list order", () => {
    const candidates = selectScanCandidates(list, { now: NOW });
    const expected = list.filter(
      (entry) => isFreeModel(entry) && entry.supported_parameters?.includes("tools"),
    );
    expect(ids(candidates)).toEqual(ids(expected));
    expect(candidates.length).toBeGreaterThan(40);
    // The generated list has zero-priced models without :free, and :free ones, and paid ones that are left out.
    expect(candidates.some((entry) => !entry.id.endsWith(":free"))).toBe(true);
    expect(list.filter((entry) => !isFreeModel(entry)).length).toBeGreaterThan(150);
  });

  it("leaves out free models without tools, and paid models with them", () => {
    const candidates = selectScanCandidates(
      [
        model("a/free-tools:free"),
        model("a/free-no-tools:free", { supported_parameters: ["max_tokens"] }),
        model("a/free-no-parameters:free", { supported_parameters: null }),
        model("a/paid-tools", { pricing: { prompt: "0.000001", completion: "0.000002" } }),
      ],
      { now: NOW },
    );
    expect(ids(candidates)).toEqual(["a/free-tools:free"]);
  });

  it("--provider keeps the maker before the first slash, exactly (case aside), not a prefix", () => {
    const models = [
      model("meta-llama/a:free"),
      model("meta-llama-x/b:free"),
      model("meta/c:free"),
      model("qwen/d:free"),
    ];
    expect(ids(selectScanCandidates(models, { provider: "meta-llama", now: NOW }))).toEqual([
      "meta-llama/a:free",
    ]);
    expect(ids(selectScanCandidates(models, { provider: "Meta-Llama", now: NOW }))).toEqual([
      "meta-llama/a:free",
    ]);
    expect(ids(selectScanCandidates(models, { provider: "meta", now: NOW }))).toEqual(["meta/c:free"]);
    expect(ids(selectScanCandidates(models, { provider: "", now: NOW }))).toHaveLength(4);
  });

  it("--provider over the generated list keeps only that maker's models", () => {
    const candidates = selectScanCandidates(list, { provider: "qwen", now: NOW });
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((entry) => entry.id.startsWith("qwen/"))).toBe(true);
  });

  it("--min-params keeps models at least that large, and leaves out those of unknown size", () => {
    const models = [
      model("a/llama-70b:free"),
      model("a/mixtral-8x7b:free"),
      model("a/qwen-1.5b:free"),
      model("a/kimi-k2:free"),
      model("a/x:free", { name: "X 32B" }),
    ];
    expect(ids(selectScanCandidates(models, { minParamsB: 32, now: NOW }))).toEqual([
      "a/llama-70b:free",
      "a/mixtral-8x7b:free",
      "a/x:free",
    ]);
    expect(ids(selectScanCandidates(models, { minParamsB: 1.5, now: NOW }))).toHaveLength(4);
    expect(ids(selectScanCandidates(models, { minParamsB: 0, now: NOW }))).toHaveLength(5);
  });

  it("--max-age-days keeps recent models and those whose date is unknown; 0 is off", () => {
    const nowSeconds = NOW / 1000;
    const models = [
      model("a/new:free", { created: nowSeconds - 10 * DAY }),
      model("a/edge:free", { created: nowSeconds - 30 * DAY }),
      model("a/old:free", { created: nowSeconds - 400 * DAY }),
      model("a/undated:free"),
      model("a/null-date:free", { created: null }),
    ];
    expect(ids(selectScanCandidates(models, { maxAgeDays: 30, now: NOW }))).toEqual([
      "a/new:free",
      "a/edge:free",
      "a/undated:free",
      "a/null-date:free",
    ]);
    expect(ids(selectScanCandidates(models, { maxAgeDays: 0, now: NOW }))).toHaveLength(5);
  });

  it("--max-age-days over the generated list: every kept model with a date is recent", () => {
    const candidates = selectScanCandidates(list, { maxAgeDays: 365, now: NOW });
    const all = selectScanCandidates(list, { now: NOW });
    expect(candidates.length).toBeLessThan(all.length);
    const yearAgo = NOW - 365 * DAY * 1000;
    for (const entry of candidates)
      if (entry.created !== null) expect(Date.parse(entry.created)).toBeGreaterThanOrEqual(yearAgo);
    expect(candidates.some((entry) => entry.created === null)).toBe(true);
  });

  it("filters combine", () => {
    const candidates = selectScanCandidates(list, {
      provider: "meta-llama",
      minParamsB: 60,
      maxAgeDays: 2000,
      now: NOW,
    });
    expect(candidates.length).toBeGreaterThan(0);
    for (const entry of candidates) {
      expect(entry.id.startsWith("meta-llama/")).toBe(true);
      expect(entry.paramsB).toBeGreaterThanOrEqual(60);
    }
  });

  it("refuses filters that are not numbers ≥ 0", () => {
    expect(() => selectScanCandidates([], { minParamsB: -1 })).toThrow(
      /minParamsB must be a number ≥ 0, got -1/,
    );
    expect(() => selectScanCandidates([], { maxAgeDays: Number.NaN })).toThrow(/maxAgeDays/);
    expect(() => selectScanCandidates([], { minParamsB: "7" as unknown as number })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });
});
