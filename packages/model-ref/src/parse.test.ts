import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelRefError } from "./errors.js";
import { formatModelRef, type ModelRef, parseModelRef, splitProfileSuffix } from "./parse.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return ModelRefError.isInstance(error) ? error.code : `not a ModelRefError: ${String(error)}`;
  }
  return undefined;
}

describe("parseModelRef", () => {
  it("splits on the first slash only", () => {
    expect(parseModelRef("openrouter/moonshotai/kimi-k2")).toEqual({
      provider: "openrouter",
      model: "moonshotai/kimi-k2",
    });
    expect(parseModelRef("openrouter/meta-llama/llama-3.3-70b-instruct:free")).toEqual({
      provider: "openrouter",
      model: "meta-llama/llama-3.3-70b-instruct:free",
    });
  });

  it("lower-cases and maps provider spellings but keeps the model's case", () => {
    expect(parseModelRef("OpenAI/GPT-5.2")).toEqual({ provider: "openai", model: "GPT-5.2" });
    expect(parseModelRef("z.ai/glm-4.6")).toEqual({ provider: "zai", model: "glm-4.6" });
    expect(parseModelRef("Z-AI/glm-4.6")).toEqual({ provider: "zai", model: "glm-4.6" });
    expect(parseModelRef("bedrock/anthropic.claude-3-haiku-20240307-v1:0").provider).toBe("amazon-bedrock");
    expect(parseModelRef("kimi-coding/k2").provider).toBe("kimi");
  });

  it("keeps unknown providers, normalised", () => {
    expect(parseModelRef("  NoSuch/foo  ")).toEqual({ provider: "nosuch", model: "foo" });
  });

  it("reads openrouter:auto as openrouter/auto", () => {
    expect(parseModelRef("OpenRouter:Auto")).toEqual({ provider: "openrouter", model: "auto" });
  });

  it("splits a trailing @profile pin", () => {
    expect(parseModelRef("anthropic/claude-opus-4-6@anthropic:work")).toEqual({
      provider: "anthropic",
      model: "claude-opus-4-6",
      profileId: "anthropic:work",
    });
  });

  it("keeps date and quantisation suffixes in the model id", () => {
    expect(parseModelRef("anthropic/claude-sonnet-4@20250514")).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4@20250514",
    });
    expect(parseModelRef("ollama/llama3@q4_k_m").model).toBe("llama3@q4_k_m");
    expect(parseModelRef("lmstudio/qwen3@8bit").model).toBe("qwen3@8bit");
    expect(parseModelRef("anthropic/claude-sonnet-4@20250514@anthropic:me@example.com")).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4@20250514",
      profileId: "anthropic:me@example.com",
    });
  });

  it("uses the default provider for a bare id only when one is given", () => {
    expect(parseModelRef("gpt-5.2", { defaultProvider: "OpenAI" })).toEqual({
      provider: "openai",
      model: "gpt-5.2",
    });
    expect(codeOf(() => parseModelRef("gpt-5.2"))).toBe("MODEL_REF_MISSING_PROVIDER");
  });

  it.each([
    "",
    "   ",
    "anthropic/",
    "/foo",
    "/",
    "anthropic/claude opus",
    "open ai/gpt",
    "openai/gpt\u0000",
    "openai/gpt\n5",
    "anthropic/x@",
    "a:b/c",
  ])("rejects %j with MODEL_REF_INVALID", (input) => {
    expect(codeOf(() => parseModelRef(input))).toBe("MODEL_REF_INVALID");
  });

  it("quotes the input and gives a valid example in the message", () => {
    expect(() => parseModelRef("anthropic/")).toThrow(/"anthropic\/".*anthropic\/claude-opus-4-6/);
  });
});

describe("splitProfileSuffix", () => {
  it("treats a leading @ of the last segment as part of the id", () => {
    expect(splitProfileSuffix("cloudflare/@cf/meta/llama")).toEqual({ body: "cloudflare/@cf/meta/llama" });
    expect(splitProfileSuffix("workers/@hf")).toEqual({ body: "workers/@hf" });
  });
});

// Generators for refs the grammar can express: the model's last segment has no '@' except version suffixes,
// a profile id has no '/' and is `<provider>:<name>` (the name may be an email).
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,12}$/);
const providerArb = fc
  .stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/)
  .filter((p) => parseModelRef(`${p}/x`).provider === p);
const modelArb = fc
  .tuple(
    fc.array(word, { minLength: 1, maxLength: 3 }),
    fc.option(fc.constantFrom("@20250514", "@q4_k_m", "@8bit"), { nil: undefined }),
  )
  .map(([segments, suffix]) => segments.join("/") + (suffix ?? ""));
const profileArb = fc
  .tuple(fc.stringMatching(/^[a-z0-9-]{1,8}$/), fc.stringMatching(/^[a-z0-9._@-]{1,16}$/))
  .map(([p, name]) => `${p}:${name}`);
const refArb: fc.Arbitrary<ModelRef> = fc
  .tuple(providerArb, modelArb, fc.option(profileArb, { nil: undefined }))
  .map(([provider, model, profileId]) =>
    profileId === undefined ? { provider, model } : { provider, model, profileId },
  );

describe("properties", () => {
  it("parse(format(r)) equals r", () => {
    fc.assert(
      fc.property(refArb, (ref) => {
        expect(parseModelRef(formatModelRef(ref))).toEqual(ref);
      }),
      { numRuns: 2000 },
    );
  });

  it("format(parse(x)) is a fixed point", () => {
    fc.assert(
      fc.property(refArb, (ref) => {
        const once = formatModelRef(parseModelRef(formatModelRef(ref)));
        expect(formatModelRef(parseModelRef(once))).toBe(once);
      }),
    );
  });

  it("never throws anything but ModelRefError", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.stringMatching(/^[a-z/@:. \t-]{0,12}$/)),
        (input) => {
          try {
            parseModelRef(input);
            parseModelRef(input, { defaultProvider: "openai" });
          } catch (error) {
            expect(ModelRefError.isInstance(error)).toBe(true);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("the provider is everything before the first slash", () => {
    fc.assert(
      fc.property(providerArb, fc.array(word, { minLength: 1, maxLength: 4 }), (provider, segments) => {
        const ref = parseModelRef(`${provider}/${segments.join("/")}`);
        expect(ref.provider).toBe(provider);
        expect(ref.model).toBe(segments.join("/"));
      }),
    );
  });
});
