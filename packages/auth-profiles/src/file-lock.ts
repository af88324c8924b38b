// Cross-process lock for a file: an exclusive sidecar `<file>.lock` that records who holds it.
import { hostname } from "node:os";
import { dirname } from "node:path";
import { AuthStoreError } from "./errors.js";
import { close, link, mkdir, open, readFile, rename, sleep, stat, unlink, write } from "./fs-async.js";

export interface LockOptions {
  /** How long to wait for a busy lock before failing with LOCK_BUSY. Default 10 s. */
  readonly timeoutMs?: number;
  /** Age after which a lock whose holder cannot be checked (another host, no owner record) is taken over. Default 30 s. */
  readonly staleMs?: number;
}

interface Holder {
  readonly pid?: number;
  readonly host?: string;
  readonly token?: string;
  readonly createdAt?: number;
}

const HOST = hostname();

/** Unique enough to tell our lock record from another's; not a secret. */
const uniqueId = () =>
  `${process.pid.toString(36)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(
  lockPath: string,
): Promise<{ holder: Holder; raw: string; ageMs: number } | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, "utf8"), stat(lockPath)]);
    let holder: Holder = {};
    try {
      holder = JSON.parse(raw) as Holder;
    } catch {
      // Not a record of ours (written by something else): judged by age alone.
    }
    return { holder, raw, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function isStale(found: { holder: Holder; ageMs: number }, staleMs: number): boolean {
  const { holder, ageMs } = found;
  // A dead holder on this host is stale at once: a crashed writer must not block the next one for long.
  if (typeof holder.pid === "number" && holder.host === HOST) return !isAlive(holder.pid);
  return ageMs > staleMs;
}

/**
 * Takes a stale lock out of the way by renaming it (only one contender can rename a given file), then checks it
 * renamed the lock it judged; if a new holder slipped in between, its lock is put back.
 */
async function breakLock(lockPath: string, judgedRaw: string): Promise<void> {
  const aside = `${lockPath}.stale-${uniqueId()}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const renamed = await readFile(aside, "utf8").catch(() => judgedRaw);
  if (renamed !== judgedRaw) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function lockError(code: "LOCK_FAILED", lockPath: string, error: unknown): AuthStoreError {
  return new AuthStoreError(code, `Cannot create lock file ${lockPath}: ${(error as Error).message}.`, {
    path: lockPath,
    cause: error,
  });
}

/**
 * Creates the lock with its record already inside: the record is written to a private temp file that is then
 * hard-linked into place (link fails with EEXIST when the lock exists, like open with `wx`). A holder killed while
 * writing leaves only its temp file, never an empty lock that others could judge by age alone (30 s).
 */
async function createLockFile(lockPath: string, record: string): Promise<void> {
  const temp = `${lockPath}.${uniqueId()}.tmp`;
  const fd = await open(temp, "wx", 0o600);
  try {
    try {
      await write(fd, record);
    } finally {
      await close(fd);
    }
    await link(temp, lockPath);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Runs `fn` while holding the lock on `target`; the lock is released however `fn` ends. */
export async function withFileLock<T>(
  target: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockPath = `${target}.lock`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const token = uniqueId();
  const record = JSON.stringify({ pid: process.pid, host: HOST, token, createdAt: Date.now() });
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  let madeDir = false;

  for (;;) {
    try {
      await createLockFile(lockPath, record);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" && !madeDir) {
        madeDir = true;
        await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 }).catch((cause) => {
          throw lockError("LOCK_FAILED", lockPath, cause);
        });
        continue;
      }
      if (code !== "EEXIST") throw lockError("LOCK_FAILED", lockPath, error);
    }
    const found = await readHolder(lockPath);
    if (found === undefined) continue;
    if (isStale(found, staleMs)) {
      await breakLock(lockPath, found.raw);
      continue;
    }
    if (Date.now() >= deadline) {
      const pid = found.holder.pid;
      throw new AuthStoreError(
        "LOCK_BUSY",
        `${target} is locked by ${pid === undefined ? "another process" : `process ${pid}`}${found.holder.host && found.holder.host !== HOST ? ` on ${found.holder.host}` : ""} (lock file ${lockPath}). Try again when it has finished, or remove the lock file if that process is gone.`,
        pid === undefined ? { path: target } : { path: target, holderPid: pid },
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 1.5, 100);
  }

  try {
    return await fn();
  } finally {
    // Remove the lock only if it is still ours (it could have been judged stale and taken over).
    const current = await readFile(lockPath, "utf8").catch(() => undefined);
    if (current === record) await unlink(lockPath).catch(() => undefined);
  }
}
