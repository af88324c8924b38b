import { describe, expect, it } from "vitest";
import { profileLabel, readProfile } from "./profile.js";

describe("profileLabel", () => {
  it("names a profile of any type with its account e-mail, trimmed, as OpenClaw does", () => {
    const oauth = readProfile("openai-codex:me", {
      type: "oauth",
      provider: "openai-codex",
      email: " me@x.io ",
    });
    const token = readProfile("anthropic:work", { type: "token", provider: "anthropic", email: "a@x.io" });
    expect(profileLabel(oauth)).toBe("openai-codex:me (me@x.io)");
    expect(profileLabel(token)).toBe("anthropic:work (a@x.io)");
  });

  it("is the id alone without an e-mail, or for a profile it cannot read", () => {
    expect(profileLabel(readProfile("openai:a", { type: "api_key", provider: "openai", email: " " }))).toBe(
      "openai:a",
    );
    expect(profileLabel(readProfile("aws:sdk", { type: "aws-sdk", email: "a@x.io" }))).toBe("aws:sdk");
  });
});
