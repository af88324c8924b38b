import { AuthLoginError, AuthStoreError } from "@modelctl/auth-profiles/errors";
import { ModelRefError } from "@modelctl/model-ref/errors";
import { ProbeError } from "@modelctl/probe/errors";
import { SafeFileError } from "@modelctl/safe-file/errors";
import { describe, expect, it } from "vitest";
import { CliError, dataError, describeError, EXIT, exitCodeOf, usageError } from "./errors.js";

describe("exitCodeOf", () => {
  it.each([
    [usageError("x"), EXIT.usage],
    [dataError("x"), EXIT.dataError],
    [new CliError("UNAVAILABLE", "x"), EXIT.unavailable],
    [new CliError("CANCELLED", "x"), EXIT.failure],
    [new CliError("PROGRAM_FAILED", "x"), EXIT.failure],
  ])("derives a CliError's exit code from its code (%s)", (error, code) => {
    expect(exitCodeOf(error)).toBe(code);
    expect(error.exitCode).toBe(code);
  });

  it("maps library errors by their code", () => {
    expect(exitCodeOf(new ModelRefError("MODEL_REF_INVALID", "x"))).toBe(EXIT.dataError);
    expect(exitCodeOf(new SafeFileError("LOCK_BUSY", "x"))).toBe(EXIT.tempFailure);
    expect(exitCodeOf(new SafeFileError("FILE_READ_FAILED", "x"))).toBe(EXIT.noInput);
    expect(exitCodeOf(new AuthStoreError("AGENT_UNKNOWN", "x"))).toBe(EXIT.usage);
  });

  it.each([
    ["DENIED", 77],
    ["EXPIRED", 75],
    ["TIMEOUT", 75],
    ["PORT_BUSY", 75],
    ["NETWORK", 69],
    ["PROVIDER_ERROR", 69],
    ["STATE_MISMATCH", 65],
    ["ENDPOINTS_INVALID", 78],
    ["NOT_CONFIGURED", 78],
    ["NOTHING_TO_IMPORT", 66],
  ] as const)("maps the sign-in's %s to %i, with its message as the one line", (code, exit) => {
    const error = new AuthLoginError(code, "The sign-in failed.", { provider: "openai-codex" });
    expect(exitCodeOf(error)).toBe(exit);
    expect(describeError(error)).toBe("Error: The sign-in failed.");
  });

  it("recognises a library error from another copy of the library by its marker", () => {
    // What a second install of @modelctl/auth-profiles throws: another class, the same marker.
    const marker = Symbol.for("@modelctl/auth-profiles/AuthStoreError");
    class OtherCopy extends Error {
      override readonly name = "AuthStoreError";
      readonly code = "PROFILE_INVALID";
      readonly [marker] = true;
    }
    expect(exitCodeOf(new OtherCopy("bad profile"))).toBe(EXIT.dataError);
    expect(describeError(new OtherCopy("bad profile"))).toBe("Error: bad profile");
  });

  it("takes an error that only borrows a library error's name for a bug", () => {
    const impostor = Object.assign(new Error("boom"), { name: "ModelRefError" });
    expect(exitCodeOf(impostor)).toBe(EXIT.failure);
    expect(describeError(impostor)).toBe(
      "Error: boom (unexpected; please report it with the command you ran)",
    );
  });

  it("takes a ProbeError, the engine refusing what the CLI checked, for a bug", () => {
    const error = new ProbeError("INVALID_TARGET", "targets[0].provider must be a non-empty string.");
    expect(exitCodeOf(error)).toBe(EXIT.failure);
    expect(describeError(error)).toMatch(/\(unexpected; please report it/);
  });
});
