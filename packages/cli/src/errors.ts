// CLI errors and the one place that maps every error code to an exit code.
import type { AuthStoreError } from "@modelctl/auth-profiles";
import type { ModelRefError } from "@modelctl/model-ref";
import type { SafeFileError } from "@modelctl/safe-file";

// Checked by name rather than imported, so that the bin does not load the libraries before a command needs them.
const isModelRefError = (error: unknown): error is ModelRefError =>
  error instanceof Error && error.name === "ModelRefError";
const isAuthStoreError = (error: unknown): error is AuthStoreError =>
  error instanceof Error && error.name === "AuthStoreError";
const isSafeFileError = (error: unknown): error is SafeFileError =>
  error instanceof Error && error.name === "SafeFileError";

/** Exit codes (sysexits.h where one fits); the README's table lists them. */
export const EXIT = {
  ok: 0,
  /** `--check`: a credential in use is expired or missing; also any unexpected failure. */
  failure: 1,
  /** `--check`: a credential in use expires within the warning window. */
  expiring: 2,
  usage: 64,
  dataError: 65,
  noInput: 66,
  /** A program modelctl needs (`claude` for `setup-token --run`) is not available. */
  unavailable: 69,
  cannotWrite: 73,
  /** Standard output cannot be written (a full disk, an I/O error); a closed pipe is not an error. */
  cannotWriteOutput: 74,
  tempFailure: 75,
} as const;

export type CliErrorCode = "USAGE" | "BAD_DATA";

export class CliError extends Error {
  override readonly name = "CliError";
  readonly code: CliErrorCode;
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError("USAGE", message, EXIT.usage);
}

/** Input that is well-formed but unusable as it is (a config value modelctl refuses to act on): 65. */
export function dataError(message: string): CliError {
  return new CliError("BAD_DATA", message, EXIT.dataError);
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (isModelRefError(error)) return EXIT.dataError;
  if (isAuthStoreError(error) || isSafeFileError(error)) {
    switch (error.code) {
      case "FILE_UNPARSEABLE":
        return EXIT.dataError;
      case "FILE_READ_FAILED":
        return EXIT.noInput;
      case "FILE_WRITE_FAILED":
      case "DISK_FULL":
      case "LOCK_FAILED":
        return EXIT.cannotWrite;
      case "LOCK_BUSY":
        return EXIT.tempFailure;
      case "FILE_INVALID":
      case "FILE_DUPLICATE_KEY":
      case "PROFILE_NOT_FOUND":
      case "PROFILE_INHERITED":
      case "PROFILE_INVALID":
      case "ORDER_INVALID":
      case "SECRET_INVALID":
        return EXIT.dataError;
      case "AGENT_UNKNOWN":
        return EXIT.usage;
    }
  }
  return EXIT.failure;
}

/** One line for stderr: known errors carry a message written for users; anything else is a bug to report. */
export function describeError(error: unknown): string {
  if (
    error instanceof CliError ||
    isModelRefError(error) ||
    isAuthStoreError(error) ||
    isSafeFileError(error)
  ) {
    return `Error: ${error.message}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Error: ${message} (unexpected; please report it with the command you ran)`;
}
