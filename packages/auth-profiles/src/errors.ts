// The one error type of @modelctl/auth-profiles: a stable `code`, the file it concerns, and what to do about it.

export type AuthStoreErrorCode =
  | "FILE_UNPARSEABLE"
  | "FILE_INVALID"
  | "FILE_READ_FAILED"
  | "FILE_WRITE_FAILED"
  | "LOCK_BUSY"
  | "LOCK_FAILED"
  | "AGENT_UNKNOWN"
  | "PROFILE_NOT_FOUND"
  | "SECRET_INVALID";

const marker = Symbol.for("@modelctl/auth-profiles/AuthStoreError");

export class AuthStoreError extends Error {
  override readonly name = "AuthStoreError";
  readonly code: AuthStoreErrorCode;
  readonly path: string | undefined;
  /** 1-based position of a parse error. */
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The process that holds a busy lock, when it could be read. */
  readonly holderPid: number | undefined;
  readonly [marker] = true;

  constructor(
    code: AuthStoreErrorCode,
    message: string,
    details: { path?: string; line?: number; column?: number; holderPid?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.path = details.path;
    this.line = details.line;
    this.column = details.column;
    this.holderPid = details.holderPid;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is AuthStoreError {
    return typeof value === "object" && value !== null && marker in value;
  }
}
