// CLI errors and the one place that maps every error code to an exit code.
// The libraries' errors are recognised by their markers (`isInstance`, which also works across duplicate installs),
// imported from each library's small `errors` entry: the bin loads that at start-up, not the library itself.
import {
  AuthLoginError,
  type AuthLoginErrorCode,
  AuthStoreError,
  type AuthStoreErrorCode,
  OAuthError,
  type OAuthErrorCode,
} from "@modelctl/auth-profiles/errors";
import { ModelRefError } from "@modelctl/model-ref/errors";
import { ProbeError } from "@modelctl/probe/errors";
import { SafeFileError, type SafeFileErrorCode } from "@modelctl/safe-file/errors";

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
  /** A credential was refused: a sign-in denied, a revoked grant, nothing to refresh with. Sign in again. */
  noPermission: 77,
  /** Sign-in is not set up: a bad MODELCTL_AUTH_ENDPOINTS file, a missing client id. */
  config: 78,
} as const;

/** Every `CliError` code and its exit code. */
const CLI_EXIT_CODES = {
  /** The command line is wrong: a missing or unknown flag, argument or command. */
  USAGE: EXIT.usage,
  /** Input that is well-formed but unusable as it is (a config value or an id modelctl refuses to act on). */
  BAD_DATA: EXIT.dataError,
  /** What the command needs is not there: a program (`claude`), or a feature modelctl does not have yet. */
  UNAVAILABLE: EXIT.unavailable,
  /** The user cancelled a prompt; nothing was changed. */
  CANCELLED: EXIT.failure,
  /** A program modelctl ran (`claude setup-token`) ended without what it was run for. */
  PROGRAM_FAILED: EXIT.failure,
} as const;

export type CliErrorCode = keyof typeof CLI_EXIT_CODES;

/** Each `SafeFileError` code (reading, locking and writing any file) and its exit code. */
const FILE_EXIT_CODES = {
  FILE_UNPARSEABLE: EXIT.dataError,
  FILE_INVALID: EXIT.dataError,
  FILE_READ_FAILED: EXIT.noInput,
  FILE_WRITE_FAILED: EXIT.cannotWrite,
  DISK_FULL: EXIT.cannotWrite,
  FILE_DUPLICATE_KEY: EXIT.dataError,
  LOCK_BUSY: EXIT.tempFailure,
  LOCK_FAILED: EXIT.cannotWrite,
} as const satisfies Record<SafeFileErrorCode, number>;

/** Each `AuthStoreError` code and its exit code. */
const STORE_EXIT_CODES = {
  FILE_INVALID: EXIT.dataError,
  AGENT_UNKNOWN: EXIT.usage,
  PROFILE_NOT_FOUND: EXIT.dataError,
  PROFILE_INHERITED: EXIT.dataError,
  PROFILE_INVALID: EXIT.dataError,
  ORDER_INVALID: EXIT.dataError,
  SECRET_INVALID: EXIT.dataError,
} as const satisfies Record<AuthStoreErrorCode, number>;

/** Each `OAuthError` code (a token refresh that failed, or was asked of a profile that has none) and its exit code. */
const OAUTH_EXIT_CODES = {
  PROFILE_NOT_OAUTH: EXIT.dataError,
  URL_INVALID: EXIT.dataError,
  INVALID_GRANT: EXIT.noPermission,
  HTTP_STATUS: EXIT.unavailable,
  REDIRECT: EXIT.unavailable,
  TIMEOUT: EXIT.unavailable,
  NETWORK: EXIT.unavailable,
  ABORTED: EXIT.failure,
  NOT_CONFIGURED: EXIT.config,
  RESPONSE_INVALID: EXIT.unavailable,
  RESPONSE_TOO_LARGE: EXIT.unavailable,
} as const satisfies Record<OAuthErrorCode, number>;

/**
 * Each `AuthLoginError` code (`models auth login`) and its exit code: 75 for what running it again may cure (the
 * user took too long, the callback port is held by another process), 69 when the provider cannot be had, 78 when
 * the sign-in is not set up.
 */
const LOGIN_EXIT_CODES = {
  DENIED: EXIT.noPermission,
  EXPIRED: EXIT.tempFailure,
  /** The redirect does not belong to this sign-in: input we refuse. */
  STATE_MISMATCH: EXIT.dataError,
  PORT_BUSY: EXIT.tempFailure,
  TIMEOUT: EXIT.tempFailure,
  NETWORK: EXIT.unavailable,
  PROVIDER_ERROR: EXIT.unavailable,
  ENDPOINTS_INVALID: EXIT.config,
  NOT_CONFIGURED: EXIT.config,
  NOTHING_TO_IMPORT: EXIT.noInput,
} as const satisfies Record<AuthLoginErrorCode, number>;

export class CliError extends Error {
  override readonly name = "CliError";
  readonly code: CliErrorCode;
  /** A second line for stderr, under the error (`Did you mean \`models status\`?`). */
  readonly hint: string | undefined;

  constructor(code: CliErrorCode, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }

  get exitCode(): number {
    return CLI_EXIT_CODES[this.code];
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError("USAGE", message, hint);
}

/** Input that is well-formed but unusable as it is (a config value modelctl refuses to act on): 65. */
export function dataError(message: string): CliError {
  return new CliError("BAD_DATA", message);
}

/** A ProbeError about a model list that could not be fetched or read: its message is written for users. */
const isModelListError = (error: { readonly code: string }) => error.code.startsWith("MODEL_LIST_");

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (ModelRefError.isInstance(error)) return EXIT.dataError;
  // A code this table does not know comes from another version of the library, installed beside ours.
  if (AuthStoreError.isInstance(error)) return STORE_EXIT_CODES[error.code] ?? EXIT.failure;
  if (SafeFileError.isInstance(error)) return FILE_EXIT_CODES[error.code] ?? EXIT.failure;
  if (OAuthError.isInstance(error)) return OAUTH_EXIT_CODES[error.code] ?? EXIT.failure;
  if (AuthLoginError.isInstance(error)) return LOGIN_EXIT_CODES[error.code] ?? EXIT.failure;
  // A model list (the scan's) that could not be had is the service being unavailable; anything else is the engine
  // refusing what the CLI handed it: every option and target is checked first, so a bug.
  if (ProbeError.isInstance(error)) return isModelListError(error) ? EXIT.unavailable : EXIT.failure;
  return EXIT.failure;
}

/** One line for stderr: known errors carry a message written for users; anything else is a bug to report. */
export function describeError(error: unknown): string {
  if (
    error instanceof CliError ||
    ModelRefError.isInstance(error) ||
    AuthStoreError.isInstance(error) ||
    SafeFileError.isInstance(error) ||
    OAuthError.isInstance(error) ||
    AuthLoginError.isInstance(error) ||
    (ProbeError.isInstance(error) && isModelListError(error))
  ) {
    return `Error: ${error.message}`;
  }
  // A ProbeError's message is written for the programmer who called the engine (`targets[0].provider …`): a bug too.
  const message = error instanceof Error ? error.message : String(error);
  return `Error: ${message} (unexpected; please report it with the command you ran)`;
}
