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
// - A holder is judged by its pid only where that pid means the same process: the same host and the same pid
//   namespace (Linux: containers on one host may share a hostname and a folder, but not pids). Then it is dead when
//   its pid is gone, or alive but started at another time (the pid was reused, after a crash, a reboot or a
//   container restart: Linux records the start time and boot id). Where that cannot be checked (another host or
//   pid namespace, no /proc), a lock is judged by age (`staleMs`; also when it is dated more than that ahead of our
//   clock, which was set back), and any lock older than `maxAgeMs` is taken over even if its holder looks alive.
//   Only these age judgements can be wrong about a live holder; that is the price of never blocking for ever on a
//   lock whose holder cannot be checked. Break-mutex claims are judged the same way.
// - Where the file system has no hard links (vfat, some FUSE), the lock is created with open(O_CREAT|O_EXCL) and
//   then filled: as exclusive, but a reader may briefly see it empty, which is judged by age, so not stale.
import { constants } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { createFilled, uniqueId, writeAll, writeFailure } from "./atomic-file.js";
import { SafeFileError } from "./errors.js";
import {
  close,
  errnoOf,
  fstat,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
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
  /** `pid:[<inode>]`, the holder's pid namespace, on Linux: its pid is checked only from the same one. */
  readonly pidNs?: unknown;
  /** `<boot id>:<start time in clock ticks>` of the holder process, on Linux. */
  readonly start?: unknown;
  readonly token?: unknown;
  readonly createdAt?: unknown;
}

interface Found {
  readonly holder: Holder;
  readonly raw: string;
  readonly ageMs: number;
  /** How far ahead of our clock the lock is dated (0 unless the clock was set back, or another host's is ahead). */
  readonly aheadMs: number;
  /** Record, inode and change time: tells this lock file from a later one with the same bytes. */
  readonly identity: string;
}

const HOST = hostname();
/** link(2) errors of file systems without hard links. */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);
const MAX_RECORD = 4096;

interface Here {
  /** Our pid namespace (`pid:[4026531836]`); undefined where it cannot be read. */
  readonly pidNs: string | undefined;
  /** The boot id, when /proc is that of our pid namespace (so that /proc/<pid> is our `pid`); else undefined. */
  readonly bootId: string | undefined;
}

let here: Promise<Here> | undefined;

/** What a pid means here: read once per process, on Linux; nothing elsewhere. */
function hereOnce(): Promise<Here> {
  here ??= Promise.all([
    readlink("/proc/self/ns/pid").catch(() => undefined),
    // In a pid namespace with the parent's /proc mounted, /proc/self is not our pid: /proc/<pid> is someone else.
    readlink("/proc/self").catch(() => undefined),
    readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => undefined),
  ]).then(([pidNs, self, boot]) => ({
    pidNs,
    bootId: self === String(process.pid) ? boot?.trim() : undefined,
  }));
  return here;
}

let bootedAt: Promise<number | undefined> | undefined;

/** Linux: when this host booted (ms since the epoch), from the btime line of /proc/stat. */
function bootTime(): Promise<number | undefined> {
  bootedAt ??= readFile("/proc/stat", "utf8").then(
    (text) => {
      const seconds = /^btime (\d+)$/m.exec(text)?.[1];
      return seconds === undefined ? undefined : Number(seconds) * 1000;
    },
    () => undefined,
  );
  return bootedAt;
}

/** Linux: the boot id and the start time (field 22 of /proc/<pid>/stat) of a process; undefined elsewhere. */
async function startOf(pid: number): Promise<string | undefined> {
  const boot = (await hereOnce()).bootId;
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

function notALock(target: string, path: string, what: string): SafeFileError {
  return new SafeFileError(
    "LOCK_FAILED",
    `Cannot lock ${target}: ${path} is ${what}, not a lock file of modelctl. Nothing was changed; remove it if no program is using it and run the command again.`,
    { path },
  );
}

/** Failures the write layer already words clearly (a full disk, an input/output error). */
const DISK_ERRORS = new Set(["ENOSPC", "EDQUOT", "EIO"]);

function lockFailure(lockPath: string, error: unknown): SafeFileError {
  if (SafeFileError.isInstance(error)) return error;
  const code = errnoOf(error);
  if (code !== undefined && DISK_ERRORS.has(code))
    return writeFailure(lockPath, error, "create the lock file");
  return new SafeFileError(
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
    const dates = [info.mtimeMs];
    if (typeof holder.createdAt === "number" && Number.isFinite(holder.createdAt))
      dates.push(holder.createdAt);
    // The oldest date that is not in the future; when all are, how far ahead the nearest is.
    const past = dates.filter((date) => date <= now);
    return {
      holder,
      raw,
      ageMs: past.length > 0 ? now - Math.min(...past) : 0,
      aheadMs: past.length > 0 ? 0 : Math.min(...dates) - now,
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

const isPid = (pid: unknown): pid is number =>
  typeof pid === "number" && Number.isSafeInteger(pid) && pid > 0;

/** Whether the holder's pid names the same process here: the same host and the same pid namespace. */
async function checkable(holder: Holder): Promise<boolean> {
  if (!isPid(holder.pid) || holder.host !== HOST) return false;
  // No pid namespaces to tell apart off Linux; on Linux, a record without one (an older modelctl, or no /proc)
  // may come from any of them.
  if (process.platform !== "linux") return holder.pidNs === undefined;
  const { pidNs } = await hereOnce();
  return pidNs !== undefined && holder.pidNs === pidNs;
}

/** A record of this host from before it booted: its process is gone, whatever now runs under its pid. */
async function fromEarlierBoot(holder: Holder): Promise<boolean> {
  if (holder.host !== HOST || typeof holder.createdAt !== "number") return false;
  if (typeof holder.start === "string") {
    // Dated before the boot but of this boot: the clock was stepped (say, by NTP after booting with a wrong one).
    const { bootId } = await hereOnce();
    if (bootId === undefined || holder.start.startsWith(`${bootId}:`)) return false;
  }
  const booted = await bootTime();
  return booted !== undefined && holder.createdAt < booted;
}

async function isStale(found: Found, limits: Limits): Promise<boolean> {
  const { holder, ageMs, aheadMs } = found;
  if (ageMs > limits.maxAgeMs) return true;
  if (await fromEarlierBoot(holder)) return true;
  if (await checkable(holder)) {
    const pid = holder.pid as number;
    // A dead holder here is stale at once: a crashed writer must not block the next one for long.
    if (!isAlive(pid)) return true;
    if (typeof holder.start === "string") {
      const start = await startOf(pid);
      // Alive, but not the process that took the lock: its pid was reused.
      if (start !== undefined && start !== holder.start) return true;
    }
    return false;
  }
  // Dated further ahead than clocks of hosts sharing a folder differ: our clock was set back since.
  return ageMs > limits.staleMs || aheadMs > limits.staleMs;
}

/** Creates `path` exclusively with all of `record` in it; removes it again when that fails. */
const writeNewFile = (path: string, record: string): Promise<void> =>
  createFilled(path, 0o600, (fd) => writeAll(fd, Buffer.from(record)));

/** Our record, dated now: `createdAt` must say when the lock was taken, not when we started waiting. */
async function ownRecord(): Promise<{ text: string; createdAt: number }> {
  ownStart ??= startOf(process.pid);
  const start = await ownStart;
  const { pidNs } = await hereOnce();
  const createdAt = Date.now();
  const text = JSON.stringify({
    pid: process.pid,
    host: HOST,
    ...(pidNs === undefined ? {} : { pidNs }),
    ...(start === undefined ? {} : { start }),
    token: uniqueId(),
    createdAt,
  });
  return { text, createdAt };
}

/** The break mutex taken (and how to give it back), or not: held by a live claim, when one was seen. */
type Mutex = { readonly release: () => Promise<void> } | { readonly heldBy: Found | undefined };

/**
 * Takes the break mutex `<lock>.break` (see the top of this file), or says which live claim holds it. A dead
 * holder's claim is removed on the way.
 */
async function takeBreakMutex(target: string, path: string, limits: Limits): Promise<Mutex> {
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
        return {
          release: async () => {
            await unlink(join(path, name)).catch(() => undefined);
            // Fails (harmlessly) when another breaker has already taken the emptied folder.
            await rmdir(path).catch(() => undefined);
          },
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
      if (!(await isStale(found, limits))) return { heldBy: found };
      await unlink(join(path, entry)).catch(() => undefined);
    }
    return { heldBy: undefined };
  } finally {
    if (!placed) {
      await unlink(join(staging, name)).catch(() => undefined);
      await rmdir(staging).catch(() => undefined);
    }
  }
}

/**
 * Removes the lock judged stale, if it is still that lock, under the break mutex; returns the live claim on the
 * mutex that kept it from doing so, if any.
 */
async function breakLock(
  target: string,
  lockPath: string,
  judged: Found,
  limits: Limits,
): Promise<Found | undefined> {
  const mutex = await takeBreakMutex(target, `${lockPath}.break`, limits);
  if ("heldBy" in mutex) return mutex.heldBy;
  try {
    const now = await readRecord(target, lockPath);
    if (now !== undefined && now.identity === judged.identity) await unlink(lockPath).catch(() => undefined);
  } finally {
    await mutex.release();
  }
  return undefined;
}

/** The pid in a temp file name made by `uniqueId()`: `<pid base 36>-<time>-<random>`. */
const pidOfId = (id: string) => Number.parseInt(id.slice(0, id.indexOf("-")), 36);

/**
 * Removes what processes killed while taking this lock left in its folder: lock temp files `<lock>.<id>.tmp` and
 * break-mutex claim folders `<lock>.break.<id>.tmp`, whose record names a process that is dead here (same host and
 * pid namespace), or is older than `maxAgeMs` (a live waiter renews its temp file every second). The id starts with
 * the pid, so a live waiter's file is passed over without being read. Best effort: nothing here is needed.
 */
async function removeLeftovers(target: string, lockPath: string, limits: Limits): Promise<void> {
  const prefix = `${basename(lockPath)}.`;
  const folder = dirname(lockPath);
  const names = await readdir(folder).catch(() => [] as string[]);
  const leftover = async (path: string) => {
    const found = await readRecord(target, path);
    if (found === undefined) return false;
    if (found.ageMs > limits.maxAgeMs) return true;
    return (await checkable(found.holder)) && !isAlive(found.holder.pid as number);
  };
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const id = name.slice(prefix.length, -".tmp".length);
    const staging = id.startsWith("break.");
    const pid = pidOfId(staging ? id.slice("break.".length) : id);
    if (!isPid(pid) || pid === process.pid || isAlive(pid)) continue;
    const path = join(folder, name);
    try {
      if (!staging) {
        if (await leftover(path)) await unlink(path);
        continue;
      }
      const entries = await readdir(path);
      const [entry] = entries;
      if (entries.length !== 1 || entry === undefined || !entry.startsWith("holder-")) continue;
      if (!(await leftover(join(path, entry)))) continue;
      await unlink(join(path, entry));
      await rmdir(path);
    } catch {
      // Not ours after all (a folder, a symlink) or gone already: left as it is.
    }
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
  // Set once link(2) fails as unsupported: the lock is then created in place.
  let noLinks = false;
  let lostTemps = 0;

  try {
    for (;;) {
      try {
        if (noLinks) {
          record = await ownRecord();
          await writeNewFile(lockPath, record.text);
          break;
        }
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
        try {
          await link(temp, lockPath);
          break;
        } catch (error) {
          const code = errnoOf(error);
          if (code !== undefined && NO_LINKS.has(code)) {
            noLinks = true;
            await unlink(temp).catch(() => undefined);
            temp = undefined;
            continue;
          }
          // Our temp file is gone (taken for a leftover after a very long stall): make another.
          if (code === "ENOENT" && lostTemps++ < 3) {
            temp = undefined;
            continue;
          }
          throw error;
        }
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
      let breaker: Found | undefined;
      if (await isStale(found, limits)) {
        breaker = await breakLock(target, lockPath, found, limits);
        const after = await readRecord(target, lockPath);
        if (after?.identity !== found.identity) continue;
        // Still there: another process is breaking it; wait as for a busy lock.
        found = after;
      }
      if (Date.now() >= deadline) throw await busy(target, lockPath, found, limits, breaker);
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 1.5, 100);
    }
  } finally {
    if (temp !== undefined) await unlink(temp).catch(() => undefined);
  }

  const held = (record as { text: string }).text;
  try {
    await removeLeftovers(target, lockPath, limits).catch(() => undefined);
    return await fn();
  } finally {
    // Remove the lock only if it is still ours (it could have been judged stale and taken over).
    const current = await readRecord(target, lockPath).catch(() => undefined);
    if (current?.raw === held) await unlink(lockPath).catch(() => undefined);
  }
}

/** `process 123 on other-host`, `process 123 in another pid namespace`, or `another process`. */
function who(holder: Holder, sameNamespace: boolean): string {
  if (!isPid(holder.pid)) return "another process";
  if (typeof holder.host === "string" && holder.host !== HOST)
    return `process ${holder.pid} on ${holder.host}`;
  const elsewhere = holder.host === HOST && typeof holder.pidNs === "string" && !sameNamespace;
  return `process ${holder.pid}${elsewhere ? " in another pid namespace" : ""}`;
}

const dated = (found: Found) =>
  found.aheadMs > 0
    ? `dated ${formatAge(found.aheadMs)} ahead of this clock`
    : `held for ${formatAge(found.ageMs)}`;

/** LOCK_BUSY naming what blocks: the lock's holder, or the live process taking over its stale lock. */
async function busy(
  target: string,
  lockPath: string,
  found: Found,
  limits: Limits,
  breaker: Found | undefined,
): Promise<SafeFileError> {
  const blocker = breaker ?? found;
  const holder = who(blocker.holder, await checkable(blocker.holder));
  const pid = isPid(blocker.holder.pid) ? blocker.holder.pid : undefined;
  const message =
    breaker === undefined
      ? `${target} is locked by ${holder}, ${dated(found)} (lock file ${lockPath}). Try again when it has finished; a lock is taken over once its holder has exited, or after ${formatAge(limits.maxAgeMs)}. Remove the lock file if that process is gone.`
      : `${target} is locked: ${holder} is taking over its stale lock (${lockPath}.break), ${dated(breaker)}. Try again when it has finished; remove ${lockPath}.break if that process is gone.`;
  return new SafeFileError(
    "LOCK_BUSY",
    message,
    pid === undefined ? { path: target } : { path: target, holderPid: pid },
  );
}
