// Reads a file ref and runs an exec ref, bounded in time and size: a FIFO, a device or a command that never ends
// cannot hold up a run, and a command that overruns is killed with everything it started.
import fs from "node:fs";
import { promisify } from "node:util";
import { killGroup, trackGroup, untrackGroup } from "./ref-commands.js";

/** A secret is a few hundred bytes at most; a ref that yields more is not one. */
export const MAX_REF_BYTES = 64 * 1024;

export type RefOutcome = { readonly text: string } | { readonly reason: string };

const open = promisify(fs.open);
const fstat = promisify(fs.fstat);
const read = promisify(fs.read);
const close = promisify(fs.close);

function kindOf(stats: fs.Stats): string {
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isDirectory()) return "a directory";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

async function readBounded(path: string): Promise<RefOutcome> {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO that has no writer returns at once instead of holding a libuv thread for ever.
    fd = await open(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (error) {
    return { reason: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  try {
    const stats = await fstat(fd);
    if (!stats.isFile()) return { reason: `${path} is ${kindOf(stats)}, not a regular file` };
    const buffer = Buffer.alloc(MAX_REF_BYTES + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await read(fd, buffer, size, buffer.length - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > MAX_REF_BYTES) return { reason: `${path} is larger than ${MAX_REF_BYTES / 1024} KiB` };
    }
    return { text: buffer.subarray(0, size).toString("utf8") };
  } catch (error) {
    return { reason: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  } finally {
    await close(fd).catch(() => {});
  }
}

/** The file's content (up to 64 KiB), or why not; gives up after `timeoutMs` (a stalled network mount). */
export function readFileRef(path: string, timeoutMs: number): Promise<RefOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ reason: `${path} could not be read within ${timeoutMs} ms` }),
      timeoutMs,
    );
    // The read goes on closing its file if it finishes after the deadline; its result is then ignored.
    void readBounded(path).then((outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    });
  });
}

/**
 * What `command` prints (up to 64 KiB), run by /bin/sh in a process group of its own; when it overruns `timeoutMs`
 * or its output cap, the whole group (the shell, and whatever it started) is killed. Its stderr and exit message
 * may echo the secret, so only the outcome is reported.
 */
export async function runExecRef(
  command: string,
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs: number,
): Promise<RefOutcome> {
  // Loaded here, not at the top: a bundle that inlines this module (the modelctl bin) would otherwise load
  // child_process and its stream and socket modules (~4 ms) on every start, for the rare exec ref.
  const { spawn } = await import("node:child_process");
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: RefOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const child = spawn("/bin/sh", ["-c", command], {
      detached: true,
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...env },
    });
    const { pid } = child;
    if (pid !== undefined) trackGroup(pid);
    const stop = () => {
      if (pid !== undefined) killGroup(pid);
    };
    const timer = setTimeout(() => {
      stop();
      finish({ reason: `the command did not finish within ${timeoutMs} ms and was stopped` });
    }, timeoutMs);
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REF_BYTES) return void chunks.push(chunk);
      stop();
      finish({ reason: `the command printed more than ${MAX_REF_BYTES / 1024} KiB and was stopped` });
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      finish({ reason: `the command could not be started (${error.code ?? "error"})` }),
    );
    // `close`: the shell has exited and its output is complete (nothing it left behind still holds it open).
    child.on("close", (code) => {
      if (pid !== undefined) untrackGroup(pid);
      finish(
        code === 0 ? { text: Buffer.concat(chunks).toString("utf8") } : { reason: "the command failed" },
      );
    });
  });
}
