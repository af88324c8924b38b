// Durable JSON files: tolerant reads that refuse what they cannot parse, and locked, atomic read-modify-write.
import { constants } from "node:fs";
import { dirname } from "node:path";
import { AuthStoreError } from "./errors.js";
import { type LockOptions, withFileLock } from "./file-lock.js";
import { chmod, close, fsync, mkdir, open, readFile, stat } from "./fs-async.js";

export interface JsonFile {
  readonly path: string;
  /** The parsed document. */
  readonly value: unknown;
  /** The bytes as read, for backups and byte-for-byte checks. */
  readonly text: string;
  readonly mode: number;
}

/**
 * Parses JSON, or JSON5 (comments, trailing commas) when plain JSON fails; errors carry the line and column.
 * json5 and write-file-atomic load only when needed: read-only commands start faster without them.
 */
export async function parseJsonText(text: string, path: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const { default: JSON5 } = await import("json5");
    try {
      return JSON5.parse(text);
    } catch (error) {
      const { lineNumber, columnNumber } = error as { lineNumber?: number; columnNumber?: number };
      const reason = (error as Error).message.replace(/^JSON5: /, "").replace(/ at \d+:\d+$/, "");
      const at =
        lineNumber === undefined
          ? ""
          : `:${lineNumber}:${columnNumber ?? 1} (line ${lineNumber}, column ${columnNumber ?? 1})`;
      throw new AuthStoreError(
        "FILE_UNPARSEABLE",
        `Cannot parse ${path}${at}: ${reason}. The file was left unchanged; fix it (or move it away) and run the command again.`,
        {
          path,
          ...(lineNumber === undefined ? {} : { line: lineNumber }),
          ...(columnNumber === undefined ? {} : { column: columnNumber }),
          cause: error,
        },
      );
    }
  }
}

/** Reads and parses a JSON file; `undefined` when it does not exist. */
export async function readJsonFile(path: string): Promise<JsonFile | undefined> {
  let text: string;
  let mode: number;
  try {
    [text, mode] = await Promise.all([readFile(path, "utf8"), stat(path).then((info) => info.mode & 0o7777)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new AuthStoreError("FILE_READ_FAILED", `Cannot read ${path}: ${(error as Error).message}.`, {
      path,
      cause: error,
    });
  }
  return { path, value: await parseJsonText(text, path), text, mode };
}

export interface WriteOptions {
  /** Mode for the file, re-applied on every write; without it an existing file keeps its mode and a new one gets 0600. */
  readonly mode?: number;
  /** Mode for a folder this write creates (and re-applied when `mode` is set). Default 0700. */
  readonly dirMode?: number;
  /** Keep the previous version as `<file>.bak`. */
  readonly backup?: boolean;
}

export type UpdateOptions = WriteOptions & LockOptions;

/** What an update callback returns to leave the file as it is. */
export const UNCHANGED: unique symbol = Symbol("unchanged");

function writeError(path: string, error: unknown): AuthStoreError {
  return new AuthStoreError("FILE_WRITE_FAILED", `Cannot write ${path}: ${(error as Error).message}.`, {
    path,
    cause: error,
  });
}

async function fsyncDir(dir: string): Promise<void> {
  const fd = await open(dir, constants.O_RDONLY).catch(() => undefined);
  if (fd === undefined) return;
  // Some file systems refuse fsync on a folder; the rename is still atomic there.
  await fsync(fd).catch(() => undefined);
  await close(fd);
}

export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes atomically: a temp file in the same folder, fsync, rename, fsync of the folder. Callers that read-modify-write
 * hold the file's lock (`withFileLock`) and pass what they read as `previous`.
 */
export async function writeJsonText(
  path: string,
  text: string,
  previous: JsonFile | undefined,
  options: WriteOptions,
): Promise<void> {
  const dir = dirname(path);
  const dirMode = options.dirMode ?? 0o700;
  try {
    await mkdir(dir, { recursive: true, mode: dirMode });
    if (options.mode !== undefined) await chmod(dir, dirMode);
    const mode = options.mode ?? previous?.mode ?? 0o600;
    const { default: writeFileAtomic } = await import("write-file-atomic");
    // The backup is written atomically too: a crash leaves the old .bak or the new one, never half of one.
    if (options.backup && previous)
      await writeFileAtomic(`${path}.bak`, previous.text, { mode, fsync: true });
    await writeFileAtomic(path, text, { mode, fsync: true });
    await fsyncDir(dir);
  } catch (error) {
    if (AuthStoreError.isInstance(error)) throw error;
    throw writeError(path, error);
  }
}

/**
 * Locked read-modify-write: takes the lock, re-reads the file, applies `update` to what is on disk now, and writes
 * the result atomically. A file that does not parse is never overwritten (FILE_UNPARSEABLE).
 */
export async function updateJsonFile<T>(
  path: string,
  update: (current: JsonFile | undefined) => T | typeof UNCHANGED | Promise<T | typeof UNCHANGED>,
  options: UpdateOptions = {},
): Promise<{ value: T | undefined; written: boolean }> {
  return withFileLock(
    path,
    async () => {
      const current = await readJsonFile(path);
      const next = await update(current);
      if (next === UNCHANGED) return { value: undefined, written: false };
      const text = serializeJson(next);
      if (current && current.text === text && options.mode === undefined)
        return { value: next, written: false };
      await writeJsonText(path, text, current, options);
      return { value: next, written: true };
    },
    options,
  );
}
