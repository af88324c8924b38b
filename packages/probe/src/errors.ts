// The error types of @modelctl/probe: ProbeError for misuse only (a provider's failure is a result, never an
// exception), and ModelCacheError for a model cache file that cannot be used.

export type ProbeErrorCode = "INVALID_OPTION" | "INVALID_TARGET";

const marker = Symbol.for("@modelctl/probe/ProbeError");

export class ProbeError extends Error {
  override readonly name = "ProbeError";
  readonly code: ProbeErrorCode;
  readonly [marker] = true;

  constructor(code: ProbeErrorCode, message: string) {
    super(message);
    this.code = code;
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
