import { describe, expect, it } from "vitest";
import { parseParamsB } from "./params.js";

describe("parseParamsB", () => {
  // Real OpenRouter ids and names, and what they say about size.
  it.each([
    ["meta-llama/llama-3.3-70b-instruct", "Meta: Llama 3.3 70B Instruct", 70],
    ["meta-llama/llama-3.3-70b-instruct:free", "Meta: Llama 3.3 70B Instruct (free)", 70],
    ["meta-llama/llama-3.1-405b-instruct", "Meta: Llama 3.1 405B Instruct", 405],
    ["meta-llama/llama-3.2-1b-instruct", "Meta: Llama 3.2 1B Instruct", 1],
    ["meta-llama/llama-3.2-11b-vision-instruct", "Meta: Llama 3.2 11B Vision Instruct", 11],
    ["meta-llama/llama-4-scout-17b-16e-instruct", "Meta: Llama 4 Scout", 17],
    ["mistralai/mixtral-8x7b-instruct", "Mistral: Mixtral 8x7B Instruct", 56],
    ["mistralai/mixtral-8x22b-instruct", "Mistral: Mixtral 8x22B Instruct", 176],
    ["microsoft/wizardlm-2-8x22b", "WizardLM-2 8x22B", 176],
    ["mistralai/mistral-7b-instruct-v0.3", "Mistral: Mistral 7B Instruct v0.3", 7],
    ["mistralai/mistral-small-3.1-24b-instruct:free", "Mistral: Mistral Small 3.1 24B (free)", 24],
    ["qwen/qwen2.5-1.5b-instruct", "Qwen2.5 1.5B Instruct", 1.5],
    ["deepseek/deepseek-r1-distill-qwen-1.5b", "DeepSeek: R1 Distill Qwen 1.5B", 1.5],
    ["qwen/qwen-2.5-72b-instruct", "Qwen2.5 72B Instruct", 72],
    ["qwen/qwen3-235b-a22b", "Qwen: Qwen3 235B A22B", 235],
    ["qwen/qwen3-30b-a3b:free", "Qwen: Qwen3 30B A3B (free)", 30],
    ["qwen/qwen3-coder", "Qwen: Qwen3 Coder 480B A35B", 480],
    ["google/gemma-3-27b-it", "Google: Gemma 3 27B", 27],
    ["google/gemma-3n-e4b-it", "Google: Gemma 3n 4B", 4],
    ["nvidia/llama-3.1-nemotron-ultra-253b-v1", "NVIDIA: Llama 3.1 Nemotron Ultra 253B v1", 253],
    ["nousresearch/hermes-3-llama-3.1-405b", "Nous: Hermes 3 405B Instruct", 405],
    ["openai/gpt-oss-120b", "OpenAI: gpt-oss-120b", 120],
    ["arcee-ai/afm-4.5b", "Arcee AI: AFM 4.5B", 4.5],
    ["baidu/ernie-4.5-300b-a47b", "Baidu: ERNIE 4.5 300B A47B", 300],
    ["bytedance/ui-tars-1.5-7b", "ByteDance: UI-TARS 7B", 7],
    ["sao10k/l3.3-euryale-70b", "Sao10K: Llama 3.3 Euryale 70B", 70],
  ])("%s → %s", (id, name, expected) => {
    expect(parseParamsB(id, name)).toBe(expected);
  });

  it.each([
    ["openai/gpt-4o-2024-08-06", "OpenAI: GPT-4o (2024-08-06)"],
    ["microsoft/phi-3.5-mini-128k-instruct", "Microsoft: Phi-3.5 Mini 128K Instruct"],
    ["moonshotai/kimi-k2", "MoonshotAI: Kimi K2 0711"],
    ["deepseek/deepseek-chat-v3-0324", "DeepSeek: DeepSeek V3 0324"],
    ["anthropic/claude-3.5-sonnet", "Anthropic: Claude 3.5 Sonnet"],
    ["google/gemini-2.0-flash-001", "Google: Gemini 2.0 Flash"],
    ["cohere/command-r7b-12-2024", "Cohere: Command R7B (12-2024)"],
    ["tngtech/deepseek-r1t2-chimera", "TNG: DeepSeek R1T2 Chimera"],
    ["openrouter/auto", "Auto Router"],
  ])("no size in %s", (id, name) => {
    expect(parseParamsB(id, name)).toBeNull();
  });

  it("takes the largest of the sizes the id and the name spell", () => {
    expect(parseParamsB("x/model-7b", "Model 13B")).toBe(13);
    expect(parseParamsB("x/model-13b", "Model 7B")).toBe(13);
    expect(parseParamsB("x/model-2x1.5b")).toBe(3);
  });

  it("reads sizes in either case, and without a name", () => {
    expect(parseParamsB("x/Model-70B")).toBe(70);
    expect(parseParamsB("x/model-70b", null)).toBe(70);
  });

  it("leaves out sizes glued to a letter or a version: active parameters, effective sizes, v-numbers", () => {
    expect(parseParamsB("x/moe-a22b")).toBeNull();
    expect(parseParamsB("x/tiny-e2b")).toBeNull();
    expect(parseParamsB("x/release-v2b")).toBeNull();
    expect(parseParamsB("x/thing-1.2.3b")).toBeNull();
  });
});
