// Durable JSON files: tolerant reads that refuse what they cannot parse, and locked, atomic read-modify-write.
import { isUtf8 } from "node:buffer";
import { constants, type Stats } from "node:fs";
import { dirname } from "node:path";
import {
  commitAll,
  type PreparedFile,
  prepareFile,
  removeLeftoverTemps,
  writeFailure,
} from "./atomic-file.js";
import { SafeFileError } from "./errors.js";
import { type LockOptions, withFileLock } from "./file-lock.js";
import { chmod, close, fstat, mkdir, open, readSome, rmdir, stat } from "./fs-async.js";
import { editJsonText, sameJson } from "./json-edit.js";
import { checkRewritable, parseExact, refuseStackOverflow, scanJson } from "./json-rewrite.js";
import { resolveRealPath } from "./real-path.js";

export interface JsonFile {
  readonly path: string;
  /** The parsed document. */
  readonly value: unknown;
  /** The bytes as read, for backups and byte-for-byte checks. */
  readonly text: string;
  readonly mode: number;
  /** The owner, kept by a rewrite. */
  readonly uid: number;
  readonly gid: number;
  /** The file's bytes; `text` is them decoded as UTF-8. */
  readonly bytes: Buffer;
}

/** Far above any real config or store; a bigger file is a mistake (or not ours), not something to load. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  return "not a regular file";
}

const readFailure = (path: string, reason: string, cause?: unknown) =>
  new SafeFileError(
    "FILE_READ_FAILED",
    `Cannot read ${path}: ${reason}.`,
    cause === undefined ? { path } : { path, cause },
  );

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
      throw new SafeFileError(
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

/**
 * The bytes of a regular file and its status. Opened without blocking (a FIFO with no writer would hang) and
 * without becoming our terminal; anything but a regular file of at most MAX_FILE_BYTES is refused.
 */
async function readRegularFile(path: string) {
  const fd = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const info = await fstat(fd);
    if (!info.isFile()) throw readFailure(path, `it is ${kindOf(info)}, not a regular file`);
    const tooBig = () =>
      readFailure(
        path,
        `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, far too large for a modelctl file`,
      );
    if (info.size > MAX_FILE_BYTES) throw tooBig();
    // Read to the end, not to the size seen: the file may have changed since (a write without our lock).
    let buffer = Buffer.allocUnsafe(Math.max(info.size + 1, 4096));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_FILE_BYTES) throw tooBig();
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = await readSome(fd, buffer, length, buffer.length - length);
      if (read === 0) break;
      length += read;
    }
    if (length > MAX_FILE_BYTES) throw tooBig();
    return { bytes: buffer.subarray(0, length), info };
  } finally {
    await close(fd).catch(() => undefined);
  }
}

/**
 * Reads and parses a JSON file; `undefined` when it does not exist. A FIFO, device, folder or a file over
 * MAX_FILE_BYTES is refused (FILE_READ_FAILED).
 */
export async function readJsonFile(path: string): Promise<JsonFile | undefined> {
  let bytes: Buffer;
  let info: Stats;
  try {
    ({ bytes, info } = await readRegularFile(path));
  } catch (error) {
    if (SafeFileError.isInstance(error)) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw readFailure(path, (error as Error).message, error);
  }
  const text = bytes.toString("utf8");
  return {
    path,
    value: await parseJsonText(text, path),
    text,
    mode: info.mode & 0o7777,
    uid: info.uid,
    gid: info.gid,
    bytes,
  };
}

export interface WriteOptions {
  /** Mode for the file, re-applied on every write; without it an existing file keeps its mode and a new one gets 0600. */
  readonly mode?: number;
  /**
   * Mode for a folder this write creates. Default 0700. When `mode` is set it is also re-applied after a successful
   * write, but only to a folder the current user owns that has no sticky bit.
   */
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
  refuseNonUtf8(file);
  checkRewritable(file.text, file.path);
  const value = parseExact(file.text, file.value);
  return value === file.value ? file : { ...file, value };
}

function refuseNonUtf8(file: JsonFile): void {
  if (isUtf8(file.bytes)) return;
  throw new SafeFileError(
    "FILE_INVALID",
    `${file.path} is not valid UTF-8 text; a rewrite would replace the bytes that are not with U+FFFD. Nothing was written; save it as UTF-8 and run the command again.`,
    { path: file.path },
  );
}

/**
 * A file as read for an edit in place: refused when an edit could lose data (the same key twice, nesting deeper
 * than MAX_DEPTH, bytes that are not UTF-8), with numbers a double cannot hold kept exact. Infinity and NaN are
 * fine here: text an edit does not change stays as it is.
 */
function forEdit(file: JsonFile | undefined): JsonFile | undefined {
  if (file === undefined) return undefined;
  refuseNonUtf8(file);
  scanJson(file.text, file.path);
  const value = parseExact(file.text, file.value, file.path);
  return value === file.value ? file : { ...file, value };
}

/**
 * The text of `file` edited in place to hold `next` (see `editJsonText`), checked: read back, it must hold exactly
 * `next`. An edit that would not is refused rather than written.
 */
async function editedText(file: JsonFile, next: unknown): Promise<string> {
  let text: string | undefined;
  try {
    text = editJsonText(file.text, file.value, next, file.path);
    const reread = parseExact(text, await parseJsonText(text, file.path), file.path);
    if (sameJson(reread, next)) return text;
  } catch (error) {
    // Our own text not parsing, or edits that collide, is the failure below; a refusal or a stack overflow is not.
    if (error instanceof RangeError) throw error;
    if (SafeFileError.isInstance(error) && error.code !== "FILE_UNPARSEABLE") throw error;
  }
  throw new SafeFileError(
    "FILE_INVALID",
    `modelctl could not edit ${file.path} in place without changing more than it meant to. Nothing was written; please report this with the file (its secrets removed).`,
    { path: file.path },
  );
}

export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes the new content of `path` to a complete temp file (and links the backup) without changing anything
 * visible; `commit()` then renames into place. `path` must be the real path (see `resolveRealPath`), in a folder
 * that exists (see `makeFolders`).
 */
export async function prepareJsonText(
  path: string,
  text: string,
  previous: JsonFile | undefined,
  options: WriteOptions,
): Promise<PreparedFile> {
  try {
    const mode = options.mode ?? previous?.mode ?? 0o600;
    return await prepareFile(path, text, {
      mode,
      ...(previous ? { owner: { uid: previous.uid, gid: previous.gid } } : {}),
      ...(options.backup && previous ? { backupOf: { bytes: previous.bytes } } : {}),
    });
  } catch (error) {
    throw writeFailure(path, error);
  }
}

/**
 * Renames prepared files into place, all or none (see `commitAll`); errors typed as write failures. Then, when
 * `options.mode` is set, re-applies `dirMode` to their folders (see `tightenFolder`).
 */
export async function commitPrepared(
  prepared: PreparedFile | readonly PreparedFile[],
  options: WriteOptions = {},
): Promise<void> {
  const files = Array.isArray(prepared) ? prepared : [prepared as PreparedFile];
  try {
    await commitAll(files);
  } catch (error) {
    throw writeFailure(files[0]?.path ?? "", error);
  }
  if (options.mode !== undefined)
    for (const dir of new Set(files.map((file) => dirname(file.path))))
      await tightenFolder(dir, options.dirMode ?? 0o700);
}

/**
 * Re-applies `mode` to a folder after a write, best effort (the write itself has succeeded): only to a folder of
 * the current user without the sticky bit, never to a shared one like /tmp.
 */
async function tightenFolder(dir: string, mode: number): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || (info.mode & 0o7777) === mode) return;
  if ((info.mode & 0o1000) !== 0 || info.uid !== process.geteuid?.()) return;
  await chmod(dir, mode).catch(() => undefined);
}

/**
 * Creates the folders of `dir` that are missing, each with exactly `mode`, and returns them (outermost first) so
 * that a write that fails (or writes nothing) can remove them again with `removeFolders`.
 */
export async function makeFolders(dir: string, mode = 0o700): Promise<string[]> {
  let first: string | undefined;
  try {
    first = await mkdir(dir, { recursive: true, mode });
  } catch (error) {
    throw writeFailure(dir, error, "create the folder");
  }
  if (first === undefined) return [];
  const made: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    made.unshift(at);
    if (at === first || dirname(at) === at) break;
  }
  // mkdir applies the umask; a folder we create gets exactly `mode`.
  for (const folder of made) await chmod(folder, mode).catch(() => undefined);
  return made;
}

/** Removes folders `makeFolders` created, innermost first, as far as they are empty. */
export async function removeFolders(made: readonly string[]): Promise<void> {
  for (const folder of [...made].reverse()) {
    if (
      !(await rmdir(folder).then(
        () => true,
        () => false,
      ))
    )
      return;
  }
}

/**
 * Runs a write in the folder of `path`: missing folders are created first (the lock lives there too) and removed
 * again when the write fails or writes nothing, so a failed command leaves no trace.
 */
export async function inFolders<T>(
  dirs: readonly string[],
  mode: number,
  write: () => Promise<T>,
  wrote: (result: T) => boolean = () => true,
): Promise<T> {
  const made: string[] = [];
  try {
    for (const dir of new Set(dirs)) made.push(...(await makeFolders(dir, mode)));
    const result = await write();
    if (!wrote(result)) await removeFolders(made);
    return result;
  } catch (error) {
    await removeFolders(made);
    throw error;
  }
}

/**
 * Locked read-modify-write: takes the lock, re-reads the file, applies `update` to what is on disk now, and writes
 * the result atomically. An existing file is edited in place (see `editJsonText`): only the values that changed are
 * rewritten, its comments, key order, quoting and layout stay; a new one is written as plain JSON. A file that does
 * not parse, or could not be edited faithfully (the same key twice, absurd nesting, bytes that are not UTF-8), is
 * never overwritten. A symlink and its target share one lock: both act on the target.
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
  return inFolders(
    [dirname(real)],
    options.dirMode ?? 0o700,
    () =>
      withFileLock(
        real,
        async () => {
          await removeLeftoverTemps(real);
          const current = forEdit(await readJsonFile(path));
          const next = await update(current);
          if (next === UNCHANGED) return { value: undefined, written: false };
          const text = current === undefined ? serializeJson(next) : await editedText(current, next);
          if (current && current.text === text && options.mode === undefined)
            return { value: next, written: false };
          await commitPrepared(await prepareJsonText(real, text, current, options), options);
          return { value: next, written: true };
        },
        options,
      ),
    (result) => result.written,
  );
}
