// Cross-process lock for a file: an exclusive sidecar `<file>.lock` that records who holds it.
//
// Why at most one process holds it at any moment, stale locks included:
// - Holding the lock means: `<file>.lock` exists and is your record. It is created only by link(2) of a complete
//   record file, which fails when the name exists; so a new holder can only appear while there is no lock file.
// - The lock file is removed only (a) by its holder, after reading back its own record, or (b) by a breaker that
//   judged its holder dead and, while holding the break mutex, read the same lock file (record, inode and ctime)
//   again just before unlinking it. Breakers run one at a time, and a dead holder does nothing, so between that
//   read and the unlink nobody else can remove the judged lock, and no new one can exist while it is there: the
//   unlink removes exactly the lock that was judged. (The old scheme renamed the lock aside and linked it back when
//   it had taken the wrong one; the name was free in between, and a third process could take it.)
// - The break mutex `<file>.lock.break` must survive its own holder's death without a mutex of its own: it is a
//   folder, held by whoever has a `holder-<unique>` file in it. A process takes it by renaming a prepared folder
//   holding its file onto the mutex name, which rename(2) does atomically and only when that name is absent or an
//   empty folder; so at most one holder file is ever in it. A dead holder's claim is removed by unlinking its
//   uniquely named file, which can never remove another process's claim.
// - A holder is judged dead when its pid is gone, or alive but started at another time (the pid was reused, after a
//   crash, a reboot or a container restart: Linux records the start time and boot id). Where that cannot be
//   checked (another host, no /proc), a lock is judged by age (`staleMs`), and any lock older than `maxAgeMs` is
//   taken over even if its holder looks alive. Only these age judgements can be wrong about a live holder; that is
//   the price of never blocking for ever on a lock whose holder cannot be checked.
import { constants } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { uniqueId, writeAll, writeFailure } from "./atomic-file.js";
import { AuthStoreError } from "./errors.js";
import {
  close,
  fstat,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  readSome,
  rename,
  rmdir,
  sleep,
  unlink,
} from "./fs-async.js";
import { resolveRealPath } from "./real-path.js";

export interface LockOptions {
  /** How long to wait for a busy lock before failing with LOCK_BUSY. Default 10 s. */
  readonly timeoutMs?: number;
  /** Age after which a lock whose holder cannot be checked (another host, no owner record) is taken over. Default 30 s. */
  readonly staleMs?: number;
  /** Age after which any lock is taken over, even one whose holder looks alive (a hung process). Default 10 min. */
  readonly maxAgeMs?: number;
}

interface Holder {
  readonly pid?: unknown;
  readonly host?: unknown;
  /** `<boot id>:<start time in clock ticks>` of the holder process, on Linux. */
  readonly start?: unknown;
  readonly token?: unknown;
  readonly createdAt?: unknown;
}

interface Found {
  readonly holder: Holder;
  readonly raw: string;
  readonly ageMs: number;
  /** Record, inode and change time: tells this lock file from a later one with the same bytes. */
  readonly identity: string;
}

const HOST = hostname();
const MAX_RECORD = 4096;

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

let bootId: Promise<string | undefined> | undefined;

/** Linux: the boot id and the start time (field 22 of /proc/<pid>/stat) of a process; undefined elsewhere. */
async function startOf(pid: number): Promise<string | undefined> {
  bootId ??= readFile("/proc/sys/kernel/random/boot_id", "utf8").then(
    (text) => text.trim(),
    () => undefined,
  );
  const boot = await bootId;
  if (boot === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold anything; fields are counted after the last ")".
    const ticks = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
    return ticks === undefined ? undefined : `${boot}:${ticks}`;
  } catch {
    return undefined;
  }
}

let ownStart: Promise<string | undefined> | undefined;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoOf(error) === "EPERM";
  }
}

function notALock(target: string, path: string, what: string): AuthStoreError {
  return new AuthStoreError(
    "LOCK_FAILED",
    `Cannot lock ${target}: ${path} is ${what}, not a lock file of modelctl. Nothing was changed; remove it if no program is using it and run the command again.`,
    { path },
  );
}

function lockFailure(lockPath: string, error: unknown): AuthStoreError {
  if (AuthStoreError.isInstance(error)) return error;
  if (errnoOf(error) === "ENOSPC" || errnoOf(error) === "EDQUOT")
    return writeFailure(lockPath, error, "create the lock file");
  return new AuthStoreError(
    "LOCK_FAILED",
    `Cannot create lock file ${lockPath}: ${(error as Error).message}.`,
    {
      path: lockPath,
      cause: error,
    },
  );
}

/**
 * Reads a lock record without following a symlink or blocking on a FIFO; undefined when there is none. Anything
 * but a regular file there is an error that names it (a folder at the lock path would otherwise block for ever).
 */
async function readRecord(target: string, path: string): Promise<Found | undefined> {
  let fd: number;
  try {
    fd = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return undefined;
    if (errnoOf(error) === "ELOOP") throw notALock(target, path, "a symbolic link");
    throw lockFailure(path, error);
  }
  try {
    const info = await fstat(fd);
    if (!info.isFile()) throw notALock(target, path, info.isDirectory() ? "a directory" : "a special file");
    const buffer = Buffer.alloc(Math.min(info.size, MAX_RECORD));
    let length = 0;
    while (length < buffer.length) {
      const read = await readSome(fd, buffer, length, buffer.length - length);
      if (read === 0) break;
      length += read;
    }
    const raw = buffer.toString("utf8", 0, length);
    let holder: Holder = {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === "object" && parsed !== null) holder = parsed as Holder;
    } catch {
      // Not a record of ours (written by something else): judged by age alone.
    }
    const now = Date.now();
    const created =
      typeof holder.createdAt === "number" && holder.createdAt <= now ? holder.createdAt : info.mtimeMs;
    return {
      holder,
      raw,
      ageMs: Math.max(0, now - Math.min(created, info.mtimeMs)),
      identity: `${info.ino}:${info.ctimeMs}:${raw}`,
    };
  } finally {
    await close(fd).catch(() => undefined);
  }
}

interface Limits {
  readonly staleMs: number;
  readonly maxAgeMs: number;
}

async function isStale(found: Found, limits: Limits): Promise<boolean> {
  const { holder, ageMs } = found;
  if (ageMs > limits.maxAgeMs) return true;
  const pid = holder.pid;
  if (typeof pid === "number" && Number.isSafeInteger(pid) && pid > 0 && holder.host === HOST) {
    // A dead holder on this host is stale at once: a crashed writer must not block the next one for long.
    if (!isAlive(pid)) return true;
    if (typeof holder.start === "string") {
      const start = await startOf(pid);
      // Alive, but not the process that took the lock: its pid was reused.
      if (start !== undefined && start !== holder.start) return true;
    }
    return false;
  }
  return ageMs > limits.staleMs;
}

/** Creates `path` exclusively with all of `record` in it. */
async function writeNewFile(path: string, record: string): Promise<void> {
  const fd = await open(path, "wx", 0o600);
  try {
    await writeAll(fd, Buffer.from(record));
  } catch (error) {
    await close(fd).catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await close(fd);
}

/** Our record, dated now: `createdAt` must say when the lock was taken, not when we started waiting. */
async function ownRecord(): Promise<{ text: string; createdAt: number }> {
  ownStart ??= startOf(process.pid);
  const start = await ownStart;
  const createdAt = Date.now();
  const text = JSON.stringify({
    pid: process.pid,
    host: HOST,
    ...(start === undefined ? {} : { start }),
    token: uniqueId(),
    createdAt,
  });
  return { text, createdAt };
}

/**
 * Takes the break mutex `<lock>.break` (see the top of this file), or returns undefined when a live process holds
 * it. A dead holder's claim is removed on the way.
 */
async function takeBreakMutex(
  target: string,
  path: string,
  limits: Limits,
): Promise<(() => Promise<void>) | undefined> {
  const name = `holder-${uniqueId()}`;
  const staging = `${path}.${uniqueId()}.tmp`;
  let placed = false;
  try {
    await mkdir(staging, { mode: 0o700 });
    await writeNewFile(join(staging, name), (await ownRecord()).text);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await rename(staging, path);
        placed = true;
        return async () => {
          await unlink(join(path, name)).catch(() => undefined);
          // Fails (harmlessly) when another breaker has already taken the emptied folder.
          await rmdir(path).catch(() => undefined);
        };
      } catch (error) {
        const code = errnoOf(error);
        if (code === "ENOTDIR") throw notALock(target, path, "not a folder");
        if (code !== "ENOTEMPTY" && code !== "EEXIST") throw lockFailure(path, error);
      }
      const entries = await readdir(path).catch(() => [] as string[]);
      if (entries.length === 0) continue;
      const [entry] = entries;
      if (entries.length > 1 || entry === undefined || !entry.startsWith("holder-"))
        throw notALock(target, path, "a folder with other files in it");
      const found = await readRecord(target, join(path, entry));
      if (found === undefined) continue;
      if (!(await isStale(found, limits))) return undefined;
      await unlink(join(path, entry)).catch(() => undefined);
    }
    return undefined;
  } finally {
    if (!placed) {
      await unlink(join(staging, name)).catch(() => undefined);
      await rmdir(staging).catch(() => undefined);
    }
  }
}

/** Removes the lock judged stale, if it is still that lock, under the break mutex. */
async function breakLock(target: string, lockPath: string, judged: Found, limits: Limits): Promise<void> {
  const release = await takeBreakMutex(target, `${lockPath}.break`, limits);
  if (release === undefined) return;
  try {
    const now = await readRecord(target, lockPath);
    if (now !== undefined && now.identity === judged.identity) await unlink(lockPath).catch(() => undefined);
  } finally {
    await release();
  }
}

function formatAge(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

/**
 * Runs `fn` while holding the lock on `target`; the lock is released however `fn` ends. The lock belongs to the
 * file's real path, so a symlink and its target share it.
 */
export async function withFileLock<T>(
  target: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockPath = `${await resolveRealPath(target)}.lock`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const limits: Limits = { staleMs: options.staleMs ?? 30_000, maxAgeMs: options.maxAgeMs ?? 600_000 };
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  let madeDir = false;
  let record: { text: string; createdAt: number } | undefined;
  let temp: string | undefined;

  try {
    for (;;) {
      try {
        // The record file is made once and linked on every try; renewed after a long wait, so that its age
        // stays the time the lock has been held.
        if (temp === undefined || record === undefined || Date.now() - record.createdAt > 1000) {
          if (temp !== undefined) await unlink(temp).catch(() => undefined);
          temp = undefined;
          record = await ownRecord();
          const path = `${lockPath}.${uniqueId()}.tmp`;
          await writeNewFile(path, record.text);
          temp = path;
        }
        await link(temp, lockPath);
        break;
      } catch (error) {
        const code = errnoOf(error);
        if (code === "ENOENT" && !madeDir) {
          madeDir = true;
          await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 }).catch((cause) => {
            throw lockFailure(lockPath, cause);
          });
          continue;
        }
        if (code !== "EEXIST") throw lockFailure(lockPath, error);
      }
      let found = await readRecord(target, lockPath);
      if (found === undefined) continue;
      if (await isStale(found, limits)) {
        await breakLock(target, lockPath, found, limits);
        const after = await readRecord(target, lockPath);
        if (after?.identity !== found.identity) continue;
        // Still there: another process is breaking it; wait as for a busy lock.
        found = after;
      }
      if (Date.now() >= deadline) throw busy(target, lockPath, found, limits);
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 1.5, 100);
    }
  } finally {
    if (temp !== undefined) await unlink(temp).catch(() => undefined);
  }

  const held = (record as { text: string }).text;
  try {
    return await fn();
  } finally {
    // Remove the lock only if it is still ours (it could have been judged stale and taken over).
    const current = await readRecord(target, lockPath).catch(() => undefined);
    if (current?.raw === held) await unlink(lockPath).catch(() => undefined);
  }
}

function busy(target: string, lockPath: string, found: Found, limits: Limits): AuthStoreError {
  const pid = typeof found.holder.pid === "number" ? found.holder.pid : undefined;
  const host = typeof found.holder.host === "string" ? found.holder.host : undefined;
  return new AuthStoreError(
    "LOCK_BUSY",
    `${target} is locked by ${pid === undefined ? "another process" : `process ${pid}`}${host && host !== HOST ? ` on ${host}` : ""}, held for ${formatAge(found.ageMs)} (lock file ${lockPath}). Try again when it has finished; a lock is taken over once its holder has exited, or after ${formatAge(limits.maxAgeMs)}. Remove the lock file if that process is gone.`,
    pid === undefined ? { path: target } : { path: target, holderPid: pid },
  );
}
