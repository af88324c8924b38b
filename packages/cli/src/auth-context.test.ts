import { AuthStoreError } from "@modelctl/auth-profiles";
import { describe, expect, it } from "vitest";
import { providerOption } from "./auth-context.js";
import { CliError, exitCodeOf } from "./errors.js";
import type { Io } from "./io.js";

function fakeIo(): Io & { err: () => string } {
  let err = "";
  return {
    stdin: process.stdin,
    stdout: { write: () => true },
    stderr: {
      write: (text: string) => {
        err += text;
        return true;
      },
    },
    env: {},
    homedir: "/home/me",
    programName: "modelctl",
    err: () => err,
  };
}

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected it to throw");
};

describe("providerOption", () => {
  it("normalises a provider id", () => {
    expect(providerOption(fakeIo(), " Z.AI ", "models auth list")).toBe("zai");
  });

  it("refuses a missing one (64), pointing to plugins list", () => {
    const error = thrown(() => providerOption(fakeIo(), undefined, "models auth paste-token"));
    expect(error).toBeInstanceOf(CliError);
    expect(exitCodeOf(error)).toBe(64);
    expect((error as Error).message).toBe(
      "models auth paste-token needs --provider <id> (e.g. --provider anthropic). `modelctl plugins list` shows the providers.",
    );
  });

  it("names an invisible character by its code point (65)", () => {
    const error = thrown(() => providerOption(fakeIo(), "open\u200bai", "models auth list"));
    expect(exitCodeOf(error)).toBe(65);
    expect((error as Error).message).toMatch(/^Invalid --provider: it contains .*U\+200B/);
  });

  it("keeps the order commands' messages as they were", () => {
    const rules = { orderMessages: true };
    const missing = thrown(() => providerOption(fakeIo(), " ", "models auth order get", rules));
    expect((missing as Error).message).toBe(
      "models auth order get needs --provider <id> (e.g. --provider anthropic).",
    );
    const unsafe = thrown(() => providerOption(fakeIo(), "open\u200bai", "models auth order get", rules));
    expect(exitCodeOf(unsafe)).toBe(65);
    expect((unsafe as Error).message).toMatch(/^Invalid provider "open\\u200bai"/);
  });

  it("warns about a provider neither built in nor configured, only when asked to", () => {
    const io = fakeIo();
    expect(providerOption(io, "myproxy", "models auth list")).toBe("myproxy");
    expect(io.err()).toBe("");
    providerOption(io, "myproxy", "models auth paste-api-key", { warnUnknownIn: {} });
    expect(io.err()).toMatch(/^Warning: provider "myproxy" is neither built in nor configured/);
    const configured = fakeIo();
    const config = { models: { providers: { MyProxy: { baseUrl: "https://p.example", models: [] } } } };
    providerOption(configured, "myproxy", "models auth paste-api-key", { warnUnknownIn: config });
    expect(configured.err()).toBe("");
  });
});

describe("exit codes of refused store edits", () => {
  it("are 65: the data given was bad", () => {
    for (const code of ["PROFILE_INVALID", "ORDER_INVALID"] as const)
      expect(exitCodeOf(new AuthStoreError(code, "refused"))).toBe(65);
  });
});
