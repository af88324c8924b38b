// The error types of @modelctl/probe: ProbeError for misuse of the library and for a model list that could not be
// read (a provider's failure during a probe is a result, never an exception), and ModelCacheError and UsageCacheError
// for a model or usage cache file that cannot be used.

export type ProbeErrorCode =
  | "INVALID_OPTION"
  | "INVALID_TARGET"
  /** The model list's server could not be reached: DNS, refused, reset, TLS (`reasonCode` says which). */
  | "MODEL_LIST_NETWORK"
  /** The model list did not arrive in full within the timeout. */
  | "MODEL_LIST_TIMEOUT"
  /** The model list's server answered with a status other than 2xx (a redirect included: it is never followed). */
  | "MODEL_LIST_HTTP"
  /** The answer is not a model list: not JSON, not `{ data: [...] }`, or larger than the cap. */
  | "MODEL_LIST_INVALID";

const marker = Symbol.for("@modelctl/probe/ProbeError");

export interface ProbeErrorOptions {
  /** The HTTP status the model list's server answered with (`MODEL_LIST_HTTP`, and `MODEL_LIST_INVALID` after a 2xx). */
  readonly httpStatus?: number | undefined;
  /** A stable word for why: `dns`, `refused`, `redirect`, `not_json`, `body_too_large`, … */
  readonly reasonCode?: string | undefined;
  readonly cause?: unknown;
}

export class ProbeError extends Error {
  override readonly name = "ProbeError";
  readonly code: ProbeErrorCode;
  readonly httpStatus: number | undefined;
  readonly reasonCode: string | undefined;
  readonly [marker] = true;

  constructor(code: ProbeErrorCode, message: string, options: ProbeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.httpStatus = options.httpStatus;
    this.reasonCode = options.reasonCode;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is ProbeError {
    return typeof value === "object" && value !== null && marker in value;
  }
}

export type ModelCacheErrorCode =
  /** The cache file exists but cannot be read: a folder, a FIFO, over 16 MiB, no permission. */
  | "CACHE_UNREADABLE"
  /** The cache file is not JSON, not the cache's shape, or of a version this package does not know. */
  | "CACHE_INVALID";

const cacheMarker = Symbol.for("@modelctl/probe/ModelCacheError");

/**
 * The model cache cannot be used as it is. Nothing was written: a file we cannot read is never overwritten, so a
 * caller warns and falls back to what it has without it (the bundled catalog).
 */
export class ModelCacheError extends Error {
  override readonly name = "ModelCacheError";
  readonly code: ModelCacheErrorCode;
  /** The cache file. */
  readonly path: string;
  readonly [cacheMarker] = true;

  constructor(code: ModelCacheErrorCode, message: string, details: { path: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.path = details.path;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is ModelCacheError {
    return typeof value === "object" && value !== null && cacheMarker in value;
  }
}

export type UsageCacheErrorCode =
  /** The usage cache file exists but cannot be read: a folder, a FIFO, over 16 MiB, no permission. */
  | "CACHE_UNREADABLE"
  /** The usage cache file is not JSON, not the cache's shape, or of a version this package does not know. */
  | "CACHE_INVALID";

const usageCacheMarker = Symbol.for("@modelctl/probe/UsageCacheError");

/**
 * The usage cache cannot be used as it is. Nothing was written: a file we cannot read is never overwritten, so a
 * caller warns and shows no cached usage.
 */
export class UsageCacheError extends Error {
  override readonly name = "UsageCacheError";
  readonly code: UsageCacheErrorCode;
  /** The cache file. */
  readonly path: string;
  readonly [usageCacheMarker] = true;

  constructor(code: UsageCacheErrorCode, message: string, details: { path: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.path = details.path;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is UsageCacheError {
    return typeof value === "object" && value !== null && usageCacheMarker in value;
  }
}
