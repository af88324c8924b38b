// All-or-nothing file replacement: every byte written and checked, fsynced, then renamed into place.
import { constants } from "node:fs";
import { dirname } from "node:path";
import { AuthStoreError } from "./errors.js";
import { close, fchmod, fstat, fsync, link, open, rename, unlink, writeSome } from "./fs-async.js";

/** Unique enough for temp and lock names; not a secret. */
export const uniqueId = () =>
  `${process.pid.toString(36)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** An error with an errno code, for failures the kernel does not report as one. */
function ioError(message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code: "EIO" });
}

/**
 * Writes all of `data` at the file offset: `write(2)` may write fewer bytes than asked (a nearly full disk, a
 * signal), so it is called again for the rest until every byte is written, and a write that makes no progress fails.
 */
export async function writeAll(fd: number, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const written = await writeSome(fd, data, offset, data.length - offset);
    if (!Number.isInteger(written) || written <= 0 || written > data.length - offset)
      throw ioError(`write returned ${written} with ${data.length - offset} bytes left`);
    offset += written;
  }
}

/**
 * A complete temp file in the folder of `path`: created exclusively (never through a link someone planted) with
 * `mode`, every byte written, size checked and fsynced. Removed again on any failure.
 */
async function completeTempFile(path: string, data: Buffer, mode: number): Promise<string> {
  const temp = `${path}.${uniqueId()}.tmp`;
  const fd = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    // open() applies the umask; the file gets exactly `mode`.
    await fchmod(fd, mode);
    await writeAll(fd, data);
    await fsync(fd);
    const { size } = await fstat(fd);
    if (size !== data.length) throw ioError(`wrote ${size} of ${data.length} bytes`);
  } catch (error) {
    await close(fd).catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  try {
    await close(fd);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return temp;
}

async function fsyncDir(dir: string): Promise<void> {
  const fd = await open(dir, constants.O_RDONLY).catch(() => undefined);
  if (fd === undefined) return;
  // Some file systems refuse fsync on a folder; the rename is still atomic there.
  await fsync(fd).catch(() => undefined);
  await close(fd).catch(() => undefined);
}

/** A file whose new content is complete on disk, waiting to be renamed into place (or thrown away). */
export interface PreparedFile {
  readonly path: string;
  /** Renames the backup (if any) and then the file into place, and fsyncs the folder. */
  commit(): Promise<void>;
  /** Removes the temp files; the file and its backup stay as they were. */
  abort(): Promise<void>;
}

export interface PrepareOptions {
  readonly mode: number;
  /** Keep the file as it is now as `<path>.bak`; `text` is what it holds, for where hard links are not possible. */
  readonly backupOf?: { readonly text: string };
}

/**
 * Prepares an atomic replacement of `path` (which must be a real path, not a symlink). Everything that can fail
 * for lack of space happens here, before anything visible changes: the new content goes to a temp file, and the
 * backup is a hard link to the current file (it is never written to again: the new content arrives by rename), or
 * where links are not possible, a complete copy made the same way. Only `commit` touches the real names, by rename.
 */
export async function prepareFile(
  path: string,
  text: string,
  options: PrepareOptions,
): Promise<PreparedFile> {
  const temps: string[] = [];
  const abort = async () => {
    await Promise.all(temps.map((temp) => unlink(temp).catch(() => undefined)));
  };
  try {
    let backupTemp: string | undefined;
    if (options.backupOf) {
      backupTemp = `${path}.bak.${uniqueId()}.tmp`;
      try {
        await link(path, backupTemp);
      } catch (error) {
        if (
          !["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "EMLINK", "ENOSYS", "EACCES"].includes(
            errnoOf(error) ?? "",
          )
        )
          throw error;
        backupTemp = await completeTempFile(`${path}.bak`, Buffer.from(options.backupOf.text), options.mode);
      }
      temps.push(backupTemp);
    }
    const temp = await completeTempFile(path, Buffer.from(text), options.mode);
    temps.push(temp);
    return {
      path,
      abort,
      async commit() {
        try {
          if (backupTemp !== undefined) await rename(backupTemp, `${path}.bak`);
          await rename(temp, path);
        } catch (error) {
          await abort();
          throw error;
        }
        await fsyncDir(dirname(path));
      },
    };
  } catch (error) {
    await abort();
    throw error;
  }
}

const NO_SPACE = new Set(["ENOSPC", "EDQUOT"]);

/** The typed error for a failed write of `path`, with a message that says what happened and what to do. */
export function writeFailure(path: string, error: unknown, what = "write"): AuthStoreError {
  if (AuthStoreError.isInstance(error)) return error;
  const code = errnoOf(error);
  if (code !== undefined && NO_SPACE.has(code)) {
    return new AuthStoreError(
      "DISK_FULL",
      `Cannot ${what} ${path}: the disk is full (${code}). Nothing was changed; free some space on the disk that holds ${dirname(path)} and run the command again.`,
      { path, cause: error },
    );
  }
  if (code === "EIO") {
    return new AuthStoreError(
      "FILE_WRITE_FAILED",
      `Cannot ${what} ${path}: the disk reported an input/output error (EIO). Nothing was changed; check that the disk is not full or failing and run the command again.`,
      { path, cause: error },
    );
  }
  return new AuthStoreError("FILE_WRITE_FAILED", `Cannot ${what} ${path}: ${(error as Error).message}.`, {
    path,
    cause: error,
  });
}
