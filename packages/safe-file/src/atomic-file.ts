// All-or-nothing file replacement: every byte written and checked, fsynced, then renamed into place.
import { constants } from "node:fs";
import { basename, dirname, join } from "node:path";
import { SafeFileError } from "./errors.js";
import {
  close,
  errnoOf,
  fchmod,
  fchown,
  fstat,
  fsync,
  link,
  open,
  readdir,
  readFile,
  rename,
  unlink,
  writeSome,
} from "./fs-async.js";

/** Unique enough for temp and lock names; not a secret. */
export const uniqueId = () =>
  `${process.pid.toString(36)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

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

/** The owner a replacement keeps: the previous file's, so that a write as root does not take a user's file. */
export interface FileOwner {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Gives the new file the previous file's owner. Only root may give a file away: a user's write keeps its own
 * (EPERM ignored), as does an owner the kernel cannot map in this user namespace (EINVAL).
 */
async function chownTo(fd: number, owner: FileOwner | undefined): Promise<void> {
  if (owner === undefined) return;
  const now = await fstat(fd);
  if (now.uid === owner.uid && now.gid === owner.gid) return;
  try {
    await fchown(fd, owner.uid, owner.gid);
  } catch (error) {
    const code = errnoOf(error);
    if (code === "EINVAL" || (code === "EPERM" && process.geteuid?.() !== 0)) return;
    throw error;
  }
}

/**
 * Creates `path` exclusively (never through a link someone planted) with `mode`, lets `fill` write it, and closes
 * it; removes it again when any of that fails. close() counts too: it reports a failed write-back (EIO, a full quota
 * on NFS), after which the file may not hold what was written.
 */
export async function createFilled(
  path: string,
  mode: number,
  fill: (fd: number) => Promise<void>,
): Promise<void> {
  const fd = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await fill(fd);
  } catch (error) {
    await close(fd).catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  try {
    await close(fd);
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
}

/**
 * A complete temp file in the folder of `path`: created exclusively with `mode` and `owner`, every byte written,
 * size checked and fsynced. Removed again on any failure.
 */
async function completeTempFile(
  path: string,
  data: Buffer,
  mode: number,
  owner?: FileOwner,
): Promise<string> {
  const temp = tempName(path);
  await createFilled(temp, mode, async (fd) => {
    // chown before chmod: a chown may clear set-id bits. open() applies the umask; the file gets exactly `mode`.
    await chownTo(fd, owner);
    await fchmod(fd, mode);
    await writeAll(fd, data);
    await fsync(fd);
    const { size } = await fstat(fd);
    if (size !== data.length) throw ioError(`wrote ${size} of ${data.length} bytes`);
  });
  return temp;
}

async function fsyncDir(dir: string): Promise<void> {
  const fd = await open(dir, constants.O_RDONLY).catch(() => undefined);
  if (fd === undefined) return;
  // Some file systems refuse fsync on a folder; the rename is still atomic there.
  await fsync(fd).catch(() => undefined);
  await close(fd).catch(() => undefined);
}

/** Errors of link(2) on file systems (or setups) without hard links: a complete copy does instead. */
const NO_LINK = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "EMLINK", "ENOSYS", "EACCES"]);

/**
 * A second name for the file at `path` as it is now (a hard link, else a complete copy of `bytes`, or of what it
 * holds), or undefined when there is no such file.
 */
async function keepCopy(
  path: string,
  mode: number,
  owner: FileOwner | undefined,
  bytes?: Buffer,
): Promise<string | undefined> {
  const kept = tempName(path);
  try {
    await link(path, kept);
    return kept;
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return undefined;
    if (!NO_LINK.has(errnoOf(error) ?? "")) throw error;
  }
  let data = bytes;
  if (data === undefined) {
    try {
      data = await readFile(path);
    } catch (error) {
      if (errnoOf(error) === "ENOENT") return undefined;
      throw error;
    }
  }
  return completeTempFile(path, data, mode, owner);
}

/**
 * One rename of a commit: `temp` becomes `name`. `keep` gives what `name` is now a second name (undefined: there is
 * nothing), so that a later step's failure can put it back; the last step of a commit needs none.
 */
interface Step {
  readonly temp: string;
  readonly name: string;
  readonly keep: () => Promise<string | undefined>;
}

/** A file whose new content is complete on disk, waiting to be renamed into place (or thrown away). */
export interface PreparedFile {
  readonly path: string;
  /** The renames that put it in place, in order: the backup (if any), then the file. */
  readonly steps: readonly Step[];
  /** `commitAll([this])`. */
  commit(): Promise<void>;
  /** Removes the temp files; the file and its backup stay as they were. */
  abort(): Promise<void>;
}

export interface PrepareOptions {
  readonly mode: number;
  /** The previous file's owner, kept by the new file (and a copied backup). */
  readonly owner?: FileOwner;
  /** Keep the file as it is now as `<path>.bak`; `bytes` is what it holds, for where hard links are not possible. */
  readonly backupOf?: { readonly bytes: Buffer };
}

/** `<file>.<id>.tmp`: the name of every temp file of `path` (see `removeLeftoverTemps`). */
const tempName = (path: string) => `${path}.${uniqueId()}.tmp`;

const removeAll = (paths: readonly (string | undefined)[]) =>
  Promise.all(paths.map((path) => (path === undefined ? undefined : unlink(path).catch(() => undefined))));

/**
 * Prepares an atomic replacement of `path` (which must be a real path, not a symlink). Everything that can fail
 * for lack of space happens here, before anything visible changes: the new content goes to a temp file, and the
 * backup is a hard link to the current file (it is never written to again: the new content arrives by rename), or
 * where links are not possible, a complete copy made the same way. Only `commit` touches the real names, by rename;
 * it gives what each step replaces a second name first (every step but the last), so that a commit that fails
 * half-way can put them back.
 */
export async function prepareFile(
  path: string,
  text: string,
  options: PrepareOptions,
): Promise<PreparedFile> {
  const temps: (string | undefined)[] = [];
  const abort = async () => {
    await removeAll(temps);
  };
  try {
    const steps: Step[] = [];
    if (options.backupOf) {
      const bak = `${path}.bak`;
      const backupTemp = await keepCopy(path, options.mode, options.owner, options.backupOf.bytes);
      temps.push(backupTemp);
      if (backupTemp !== undefined)
        steps.push({ temp: backupTemp, name: bak, keep: () => keepCopy(bak, options.mode, options.owner) });
    }
    const temp = await completeTempFile(path, Buffer.from(text), options.mode, options.owner);
    temps.push(temp);
    const bytes = options.backupOf?.bytes;
    steps.push({ temp, name: path, keep: () => keepCopy(path, options.mode, options.owner, bytes) });
    const prepared: PreparedFile = { path, steps, abort, commit: () => commitAll([prepared]) };
    return prepared;
  } catch (error) {
    await abort();
    throw error;
  }
}

/**
 * A rename of a commit failed (`failed`: the name it was for). `stuck` lists what could not be put back: empty when
 * every file is as it was before the commit.
 */
export class CommitError extends Error {
  constructor(
    readonly failed: string,
    override readonly cause: unknown,
    readonly stuck: readonly { readonly name: string; readonly previous: string | undefined }[],
  ) {
    super((cause as Error | undefined)?.message ?? String(cause));
  }
}

/**
 * Renames every step of `files` into place, in order, and fsyncs their folders. All or none: when a rename fails,
 * the ones already done are undone (the previous versions renamed back, a file that did not exist removed) and the
 * error is thrown with `path` set to the file that failed. Previous versions are removed only once all succeeded.
 */
export async function commitAll(files: readonly PreparedFile[]): Promise<void> {
  const steps = files.flatMap((file) => file.steps);
  // Each step done, with the second name of what it replaced. The last step keeps none: if its rename fails there
  // is nothing after it to undo it for, so the common one-file write costs no extra link.
  const done: { readonly name: string; readonly previous: string | undefined }[] = [];
  for (const [index, step] of steps.entries()) {
    let previous: string | undefined;
    try {
      if (index < steps.length - 1) previous = await step.keep();
      await rename(step.temp, step.name);
      done.push({ name: step.name, previous });
    } catch (error) {
      const stuck: { name: string; previous: string | undefined }[] = [];
      for (const undo of [...done].reverse()) {
        try {
          if (undo.previous === undefined) await unlink(undo.name);
          else await rename(undo.previous, undo.name);
        } catch {
          stuck.push(undo);
        }
      }
      // What could not be put back keeps its previous version under its temp name, for the message.
      const kept = new Set(stuck.map((item) => item.previous));
      await removeAll([
        previous,
        ...steps.slice(index).map((item) => item.temp),
        ...done.map((item) => (kept.has(item.previous) ? undefined : item.previous)),
      ]);
      throw new CommitError(step.name, error, stuck);
    }
  }
  await removeAll(done.map((step) => step.previous));
  for (const dir of new Set(steps.map((step) => dirname(step.name)))) await fsyncDir(dir);
}

/** Names of temp files of `path` (`<file>.<id>.tmp`, `<file>.bak.<id>.tmp`), as `uniqueId` makes them. */
function isTempOf(name: string, base: string): boolean {
  if (!name.startsWith(`${base}.`) || !name.endsWith(".tmp")) return false;
  const middle = name.slice(base.length + 1, -4);
  return /^(?:bak\.)?[0-9a-z]+-[0-9a-z]+-[0-9a-z]+$/.test(middle);
}

/**
 * Removes temp files of each of `paths` left by a writer that was killed mid-write: they may hold every credential.
 * Call it only under the files' locks, when no other writer of them can be mid-write. One listing per folder.
 */
export async function removeLeftoverTemps(...paths: string[]): Promise<void> {
  for (const dir of new Set(paths.map((path) => dirname(path)))) {
    const bases = paths.filter((path) => dirname(path) === dir).map((path) => basename(path));
    const names = await readdir(dir).catch(() => [] as string[]);
    await removeAll(
      names.filter((name) => bases.some((base) => isTempOf(name, base))).map((name) => join(dir, name)),
    );
  }
}

const NO_SPACE = new Set(["ENOSPC", "EDQUOT"]);

/** The typed error for a failed write of `path`, with a message that says what happened and what to do. */
export function writeFailure(path: string, error: unknown, what = "write"): SafeFileError {
  if (SafeFileError.isInstance(error)) return error;
  if (error instanceof CommitError) {
    if (error.stuck.length === 0) return writeFailure(error.failed, error.cause, what);
    const left = error.stuck
      .map(({ name, previous }) =>
        previous === undefined
          ? `${name} did not exist before (remove it)`
          : `${name} is the new version (its previous one is ${previous})`,
      )
      .join("; ");
    return new SafeFileError(
      "FILE_WRITE_FAILED",
      `Cannot ${what} ${error.failed}: ${error.message}. Some files could not be put back as they were: ${left}. Restore them by hand before running the command again.`,
      { path: error.failed, cause: error.cause },
    );
  }
  const code = errnoOf(error);
  if (code !== undefined && NO_SPACE.has(code)) {
    return new SafeFileError(
      "DISK_FULL",
      `Cannot ${what} ${path}: ${code === "EDQUOT" ? "the disk quota is exceeded" : "the disk is full"} (${code}). Nothing was changed; free some space on the disk that holds ${dirname(path)} and run the command again.`,
      { path, cause: error },
    );
  }
  if (code === "EIO") {
    return new SafeFileError(
      "FILE_WRITE_FAILED",
      `Cannot ${what} ${path}: the disk reported an input/output error (EIO). Nothing was changed; check that the disk is not full or failing and run the command again.`,
      { path, cause: error },
    );
  }
  return new SafeFileError(
    "FILE_WRITE_FAILED",
    `Cannot ${what} ${path}: ${(error as Error).message}. Nothing was changed.`,
    { path, cause: error },
  );
}
