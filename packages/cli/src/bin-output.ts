// The bin's standard output and error. Node builds process.stdout and process.stderr on first use, and building one
// (a stream for the terminal, pipe or file, with Node's stream modules behind it) costs ~2.5 ms of a ~35 ms start;
// a `models status` that writes its report to fd 1 directly, and nothing on stderr, pays for neither.
import { fstatSync, statSync, writeSync } from "node:fs";
import { EXIT } from "./errors.js";
import type { Io } from "./io.js";

export interface BinOutput {
  /** Writes to fd 1 synchronously, as Node's own stdout does for files, pipes and terminals on Linux. */
  readonly stdout: Io["stdout"];
  /** process.stderr, made on first write; its own errors are swallowed (a diagnostic that cannot be written cannot be reported). */
  readonly stderr: Io["stderr"];
  /** Whether writing to stdout failed for a reason other than a reader that left (exit 74). */
  readonly failed: () => boolean;
  /** Resolves once whatever went through Node's streams has been handed to the system. */
  readonly flushed: () => Promise<void>;
}

/**
 * A reader that stops early (`modelctl models status | head -3`) closes the pipe (EPIPE); that is not our failure,
 * and what is left is dropped. Any other write error on stdout (a full disk, EIO) is: one line on stderr and exit
 * 74. Should fd 1 be non-blocking (EAGAIN: a parent that set it so), the rest goes through process.stdout, which
 * waits for the reader.
 */
export function binOutput(): BinOutput {
  let stderr: NodeJS.WriteStream | undefined;
  let stdout: NodeJS.WriteStream | undefined;
  let closed = false;
  let failed = false;

  const errorStream = () => {
    if (stderr === undefined) {
      stderr = process.stderr;
      stderr.on("error", () => {});
    }
    return stderr;
  };
  const fail = (error: NodeJS.ErrnoException) => {
    closed = true;
    if (error.code === "EPIPE" || failed) return;
    failed = true;
    process.exitCode = EXIT.cannotWriteOutput;
    // node:util is loaded on this rare path only; getSystemErrorMessage is newer than some Node 22 releases.
    const { getSystemErrorMessage } = process.getBuiltinModule("node:util");
    const reason =
      typeof error.errno === "number" && getSystemErrorMessage
        ? getSystemErrorMessage(error.errno)
        : error.message;
    errorStream().write(
      `Error: cannot write to standard output: ${reason}${error.code ? ` (${error.code})` : ""}\n`,
    );
  };
  const stream = () => {
    if (stdout === undefined) {
      stdout = process.stdout;
      stdout.on("error", fail);
    }
    return stdout;
  };

  return {
    stdout: {
      write(text: string) {
        if (closed) return true;
        if (stdout !== undefined) return stdout.write(text);
        const bytes = Buffer.from(text, "utf8");
        let offset = 0;
        while (offset < bytes.length) {
          try {
            offset += writeSync(1, bytes, offset);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === "EAGAIN" || code === "EINTR") return stream().write(bytes.subarray(offset));
            fail(error as NodeJS.ErrnoException);
            return true;
          }
        }
        return true;
      },
      // Asked by human output (colour) on every run: a pipe, a file or /dev/null is known not to be a terminal from a
      // system call or two, and Node's stream (its tty, net and stream modules) is made only for another character
      // device, to ask it.
      get isTTY() {
        return mayBeTerminal(1) ? stream().isTTY : false;
      },
      get columns() {
        return stream().columns;
      },
    },
    get stderr() {
      return errorStream();
    },
    failed: () => failed,
    flushed: async () => {
      // A failed write reports its error on a later tick; let it arrive (exit 74) before judging what is left.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([stdout && flushed(stdout), stderr && flushed(stderr)]);
    },
  };
}

/** Whether `fd` could be a terminal: a character device other than /dev/null (where benchmarks send their output). */
function mayBeTerminal(fd: number): boolean {
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice()) return false;
    const nul = statSync("/dev/null", { throwIfNoEntry: false });
    return !(nul && nul.dev === stats.dev && nul.ino === stats.ino && nul.rdev === stats.rdev);
  } catch {
    return true;
  }
}

/**
 * Resolves once everything written to `stream` has been handed to the system, or the stream failed. Nothing more is
 * written to find out: even an empty write fails on a full device.
 */
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) return resolve();
    stream.once("drain", resolve).once("error", resolve).once("close", resolve);
  });
