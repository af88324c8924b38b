// The one error type of @modelctl/safe-file: a stable `code`, the file it concerns, and what to do about it.

export type SafeFileErrorCode =
  /** The file is not JSON or JSON5 (`line`, `column`); nothing was written. */
  | "FILE_UNPARSEABLE"
  /** The file cannot be rewritten or edited without losing data (nesting, Infinity/NaN, not UTF-8). */
  | "FILE_INVALID"
  /** A file that would lose data if rewritten: the same key twice in one object (`key`). */
  | "FILE_DUPLICATE_KEY"
  /** It exists but cannot be read: a folder, a FIFO or a device, over 16 MiB, no permission. */
  | "FILE_READ_FAILED"
  | "FILE_WRITE_FAILED"
  /** ENOSPC / EDQUOT: nothing was changed, the disk (or quota) is full. */
  | "DISK_FULL"
  /** Another process holds the lock (`holderPid`) past the timeout. */
  | "LOCK_BUSY"
  /** The lock cannot be taken at all: a folder, FIFO or symlink at the lock path. */
  | "LOCK_FAILED";

const marker = Symbol.for("@modelctl/safe-file/SafeFileError");

export class SafeFileError extends Error {
  override readonly name = "SafeFileError";
  readonly code: SafeFileErrorCode;
  readonly path: string | undefined;
  /** 1-based position of a parse error. */
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The process that holds a busy lock, when it could be read. */
  readonly holderPid: number | undefined;
  /** The key found twice (FILE_DUPLICATE_KEY). */
  readonly key: string | undefined;
  readonly [marker] = true;

  constructor(
    code: SafeFileErrorCode,
    message: string,
    details: {
      path?: string;
      line?: number;
      column?: number;
      holderPid?: number;
      key?: string;
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
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is SafeFileError {
    return typeof value === "object" && value !== null && marker in value;
  }
}
