// The error type of @modelctl/auth-profiles: a stable `code`, the file it concerns, and what to do about it. Reading,
// locking and writing the files themselves fail with @modelctl/safe-file's SafeFileError (FILE_UNPARSEABLE, LOCK_BUSY,
// DISK_FULL, …); this one is for what the store judges: the shape of its files, profiles, orders, agents, secrets.
// AuthLoginError is the sign-in flows' (`@modelctl/auth-profiles/login`), here so the CLI recognises it cheaply too.

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

export type OAuthErrorCode =
  /** `refreshIfNeeded` was asked to refresh a profile that is not of type `oauth` (misuse; nothing was done). */
  | "PROFILE_NOT_OAUTH"
  /** A token URL that is not https (plain http only to a loopback host), or has credentials in it. */
  | "URL_INVALID"
  /** The provider refused the refresh token (`invalid_grant`): it was revoked, expired or already used; sign in again. */
  | "INVALID_GRANT"
  /** The token endpoint answered another error status (`status`, and the OAuth `error` code as `providerCode`). */
  | "HTTP_STATUS"
  /** The token endpoint answered with a redirect; it is not followed (the refresh token must not go elsewhere). */
  | "REDIRECT"
  /** No answer within the deadline. */
  | "TIMEOUT"
  /** The token endpoint could not be reached (refused, reset, DNS). */
  | "NETWORK"
  /** The caller's signal aborted the request. */
  | "ABORTED"
  /** The provider's refresh lacks a setting it needs (a client id: see MODELCTL_AUTH_ENDPOINTS). */
  | "NOT_CONFIGURED"
  /** A success status whose body is not a token response (no `access_token`, no `expires_in`, not JSON). */
  | "RESPONSE_INVALID"
  /** A body over the size cap. */
  | "RESPONSE_TOO_LARGE";

const oauthMarker = Symbol.for("@modelctl/auth-profiles/OAuthError");

/**
 * An OAuth exchange that failed, or a refresh asked of a profile that cannot have one. Its message names the
 * endpoint (origin and path only) and the OAuth error code, never a token, a secret or the provider's free text.
 */
export class OAuthError extends Error {
  override readonly name = "OAuthError";
  readonly code: OAuthErrorCode;
  /** The HTTP status, when the endpoint answered. */
  readonly status: number | undefined;
  /** The OAuth `error` code of the answer (`invalid_grant`), when it is a plain code. */
  readonly providerCode: string | undefined;
  readonly profileId: string | undefined;
  readonly [oauthMarker] = true;

  constructor(
    code: OAuthErrorCode,
    message: string,
    details: { status?: number; providerCode?: string; profileId?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.providerCode = details.providerCode;
    this.profileId = details.profileId;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is OAuthError {
    return typeof value === "object" && value !== null && oauthMarker in value;
  }
}

export type AuthLoginErrorCode =
  /** The user (or the provider) refused the sign-in: `error=access_denied`, or the device code was denied. */
  | "DENIED"
  /** The device code expired before the user finished (`expired_token`). */
  | "EXPIRED"
  /** The callback carried a `state` other than the one this flow sent: a stale or forged redirect. */
  | "STATE_MISMATCH"
  /** The callback port is taken and the flow needs exactly that port. */
  | "PORT_BUSY"
  /** No callback (or provider answer) arrived in time. */
  | "TIMEOUT"
  /** The provider could not be reached: DNS, refused connection, TLS. */
  | "NETWORK"
  /** The provider answered with an error or a reply we cannot read; its body is redacted. */
  | "PROVIDER_ERROR"
  /** The file named in MODELCTL_AUTH_ENDPOINTS is unreadable or malformed (`path`, `key`). */
  | "ENDPOINTS_INVALID"
  /** The flow lacks something it needs: a client id, a pasted code, a method the provider does not have. */
  | "NOT_CONFIGURED"
  /** An `import` found no credential to adopt. */
  | "NOTHING_TO_IMPORT";

const loginMarker = Symbol.for("@modelctl/auth-profiles/AuthLoginError");

/** What a sign-in flow (`@modelctl/auth-profiles/login`) fails with. Never carries a token, code or verifier. */
export class AuthLoginError extends Error {
  override readonly name = "AuthLoginError";
  readonly code: AuthLoginErrorCode;
  readonly provider: string | undefined;
  /** The HTTP status of a provider's error reply (PROVIDER_ERROR). */
  readonly status: number | undefined;
  /** The endpoints file (ENDPOINTS_INVALID). */
  readonly path: string | undefined;
  /** Where in that file, e.g. `openai-codex.tokenUrl` (ENDPOINTS_INVALID). */
  readonly key: string | undefined;
  /** The OAuth `error` code of a provider's error reply (`invalid_grant`), when it is a plain code. */
  readonly providerCode: string | undefined;
  readonly [loginMarker] = true;

  constructor(
    code: AuthLoginErrorCode,
    message: string,
    details: {
      provider?: string;
      status?: number;
      path?: string;
      key?: string;
      providerCode?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.provider = details.provider;
    this.status = details.status;
    this.path = details.path;
    this.key = details.key;
    this.providerCode = details.providerCode;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is AuthLoginError {
    return typeof value === "object" && value !== null && loginMarker in value;
  }
}
