import { describe, expect, it } from "vitest";
import { isMarker, parseMarker } from "./markers.js";

describe("parseMarker", () => {
  it.each([
    "secretref-managed",
    "custom-local",
    "gcp-vertex-credentials",
    "ollama-local",
    "lmstudio-local",
    "minimax-oauth",
    "qwen-oauth",
    "oauth:chutes",
    "AWS_PROFILE",
    "AWS_BEARER_TOKEN_BEDROCK",
    "codex-app-server",
  ])("treats %s as a marker", (value) => {
    expect(parseMarker(value)).toEqual({ value });
  });

  it("treats env var names as markers that resolve through that variable", () => {
    expect(parseMarker("OPENAI_API_KEY")).toEqual({ value: "OPENAI_API_KEY", envVar: "OPENAI_API_KEY" });
    expect(parseMarker("MY_COMPANY_LLM_TOKEN")).toEqual({
      value: "MY_COMPANY_LLM_TOKEN",
      envVar: "MY_COMPANY_LLM_TOKEN",
    });
    expect(parseMarker("secretref-env:OPENROUTER_API_KEY")).toEqual({
      value: "secretref-env:OPENROUTER_API_KEY",
      envVar: "OPENROUTER_API_KEY",
    });
  });

  it.each([
    "sk-test-1234567890abcdefghijklmnopqrstuv",
    "sk-ant-oat01-abcdefghijklmnopqrstuvwxyz0123456789",
    "abc",
    "random-words-local",
    "Mixed_Case_API_KEY",
    "OPENAI",
    "",
  ])("treats %j as a secret", (value) => {
    expect(isMarker(value)).toBe(false);
  });
});
