// Durable JSON files: tolerant reads that refuse what they cannot parse, and locked, atomic read-modify-write.
import { dirname } from "node:path";
import { type PreparedFile, prepareFile, writeFailure } from "./atomic-file.js";
import { AuthStoreError } from "./errors.js";
import { type LockOptions, withFileLock } from "./file-lock.js";
import { chmod, mkdir, readFile, stat } from "./fs-async.js";
import { checkRewritable, parseExact, refuseStackOverflow } from "./json-rewrite.js";
import { resolveRealPath } from "./real-path.js";

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
 * json5 loads only when needed: read-only commands start faster without it.
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

/**
 * A file as read for a rewrite: refused (FILE_DUPLICATE_KEY, FILE_INVALID) when rewriting it would lose data, and
 * with numbers a double cannot hold kept exact, so that they are written back as they were.
 */
export function forRewrite(file: JsonFile): JsonFile;
export function forRewrite(file: JsonFile | undefined): JsonFile | undefined;
export function forRewrite(file: JsonFile | undefined): JsonFile | undefined {
  if (file === undefined) return undefined;
  checkRewritable(file.text, file.path);
  const value = parseExact(file.text, file.value);
  return value === file.value ? file : { ...file, value };
}

export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes the new content of `path` to a complete temp file (and links the backup) without changing anything
 * visible; `commit()` then renames into place. `path` must be the real path (see `resolveRealPath`).
 */
export async function prepareJsonText(
  path: string,
  text: string,
  previous: JsonFile | undefined,
  options: WriteOptions,
): Promise<PreparedFile> {
  const dir = dirname(path);
  const dirMode = options.dirMode ?? 0o700;
  try {
    await mkdir(dir, { recursive: true, mode: dirMode });
    if (options.mode !== undefined) await chmod(dir, dirMode);
    const mode = options.mode ?? previous?.mode ?? 0o600;
    return await prepareFile(path, text, {
      mode,
      ...(options.backup && previous ? { backupOf: { text: previous.text } } : {}),
    });
  } catch (error) {
    throw writeFailure(path, error);
  }
}

/** Renames a prepared file into place; errors typed as write failures. */
export async function commitPrepared(prepared: PreparedFile): Promise<void> {
  try {
    await prepared.commit();
  } catch (error) {
    throw writeFailure(prepared.path, error);
  }
}

/**
 * Replaces a file atomically: a complete, checked, fsynced temp file in the same folder, renamed into place, and
 * the folder fsynced; a `.bak` is only ever replaced by a complete copy. On any failure (a full disk: DISK_FULL)
 * the file and its backup are as they were and no temp file is left. Symlinks are followed: the file they point
 * at is replaced and the link stays. Callers that read-modify-write hold the file's lock (`withFileLock`) and pass
 * what they read as `previous`.
 */
export async function writeJsonText(
  path: string,
  text: string,
  previous: JsonFile | undefined,
  options: WriteOptions,
): Promise<void> {
  await commitPrepared(await prepareJsonText(await resolveRealPath(path), text, previous, options));
}

/**
 * Locked read-modify-write: takes the lock, re-reads the file, applies `update` to what is on disk now, and writes
 * the result atomically. A file that does not parse, or could not be rewritten faithfully (the same key twice,
 * absurd nesting), is never overwritten. A symlink and its target share one lock: both act on the target.
 */
export async function updateJsonFile<T>(
  path: string,
  update: (current: JsonFile | undefined) => T | typeof UNCHANGED | Promise<T | typeof UNCHANGED>,
  options: UpdateOptions = {},
): Promise<{ value: T | undefined; written: boolean }> {
  return refuseStackOverflow(path, () => updateLockedJsonFile(path, update, options));
}

async function updateLockedJsonFile<T>(
  path: string,
  update: (current: JsonFile | undefined) => T | typeof UNCHANGED | Promise<T | typeof UNCHANGED>,
  options: UpdateOptions,
): Promise<{ value: T | undefined; written: boolean }> {
  const real = await resolveRealPath(path);
  return withFileLock(
    real,
    async () => {
      const current = forRewrite(await readJsonFile(path));
      const next = await update(current);
      if (next === UNCHANGED) return { value: undefined, written: false };
      const text = serializeJson(next);
      if (current && current.text === text && options.mode === undefined)
        return { value: next, written: false };
      await commitPrepared(await prepareJsonText(real, text, current, options));
      return { value: next, written: true };
    },
    options,
  );
}
