// The one error type of @modelctl/auth-profiles: a stable `code`, the file it concerns, and what to do about it.

export type AuthStoreErrorCode =
  | "FILE_UNPARSEABLE"
  | "FILE_INVALID"
  | "FILE_READ_FAILED"
  | "FILE_WRITE_FAILED"
  /** ENOSPC / EDQUOT: nothing was changed, the disk (or quota) is full. */
  | "DISK_FULL"
  /** A file that would lose data if rewritten: the same key twice in one object. */
  | "FILE_DUPLICATE_KEY"
  | "LOCK_BUSY"
  | "LOCK_FAILED"
  | "AGENT_UNKNOWN"
  | "PROFILE_NOT_FOUND"
  /** A sub-agent asked to change a profile it only inherits: it lives in the main agent's store. */
  | "PROFILE_INHERITED"
  /** A profile an edit would write is malformed (`profileId`, `field`); nothing was written. */
  | "PROFILE_INVALID"
  /** An order override an edit would write is malformed; nothing was written. */
  | "ORDER_INVALID"
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
  /** The key found twice (FILE_DUPLICATE_KEY). */
  readonly key: string | undefined;
  /** The profile refused (PROFILE_INVALID). */
  readonly profileId: string | undefined;
  /** Where in that profile, e.g. `key` or `keyRef.id`; "" for the profile as a whole (PROFILE_INVALID). */
  readonly field: string | undefined;
  readonly [marker] = true;

  constructor(
    code: AuthStoreErrorCode,
    message: string,
    details: {
      path?: string;
      line?: number;
      column?: number;
      holderPid?: number;
      key?: string;
      profileId?: string;
      field?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.path = details.path;
    this.line = details.line;
    this.column = details.column;
    this.holderPid = details.holderPid;
    this.key = details.key;
    this.profileId = details.profileId;
    this.field = details.field;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is AuthStoreError {
    return typeof value === "object" && value !== null && marker in value;
  }
}
