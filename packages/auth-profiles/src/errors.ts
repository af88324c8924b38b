// The error type of @modelctl/auth-profiles: a stable `code`, the file it concerns, and what to do about it. Reading,
// locking and writing the files themselves fail with @modelctl/safe-file's SafeFileError (FILE_UNPARSEABLE, LOCK_BUSY,
// DISK_FULL, …); this one is for what the store judges: the shape of its files, profiles, orders, agents, secrets.

export type AuthStoreErrorCode =
  /** auth-profiles.json or auth-state.json parses but has the wrong shape or version; nothing was written. */
  | "FILE_INVALID"
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
      profileId?: string;
      field?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.path = details.path;
    this.profileId = details.profileId;
    this.field = details.field;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is AuthStoreError {
    return typeof value === "object" && value !== null && marker in value;
  }
}
