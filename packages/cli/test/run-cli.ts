// Runs modelctl against a temp home: in this process from the sources (`runCli`), or the built bin as a child
// process (`runBin`), the way users and scripts run it, for what needs a real process (pipes, signals, exit, start-up).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli.js";

export const BIN = fileURLToPath(new URL("../bin/modelctl.js", import.meta.url));

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly input?: string;
  /** stdin as a stream the test writes to while the command runs (runCli only); `input` is ignored then. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Called with each write to stderr as it happens (runCli only): a test can answer what the command printed. */
  readonly onStderr?: (text: string) => void;
  /** stdout and stderr say they are a terminal (`isTTY`, 100 columns; runCli only): colour and progress lines. */
  readonly terminal?: boolean;
  /** Options for node itself, before the bin (`--import` a hook). */
  readonly nodeArgs?: readonly string[];
}

/** Only what the test sets: no provider keys or config paths leak in from the machine running the tests. */
function testEnv(home: string, options: RunOptions): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: home,
    MODELCTL_HOME: join(home, ".modelctl"),
    NO_COLOR: "1",
    ...options.env,
  };
}

/**
 * Runs the CLI's `main` in this process with the sources as they are (no build needed): the same env as `runBin`,
 * `options.input` as a piped (non-terminal) stdin, and stdout and stderr captured as text.
 */
export async function runCli(
  home: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  if (options.nodeArgs) throw new Error("runCli cannot take node options; use runBin");
  let stdout = "";
  let stderr = "";
  const env = testEnv(home, options);
  const before = processState();
  const code = await main([process.execPath, BIN, ...args], {
    io: {
      stdin: options.stdin ?? Readable.from([Buffer.from(options.input ?? "")]),
      stdout: {
        write: (text: string) => (stdout += text),
        ...(options.terminal ? { isTTY: true, columns: 100 } : {}),
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
          options.onStderr?.(text);
        },
        ...(options.terminal ? { isTTY: true } : {}),
      },
      env,
      // What os.homedir() gives the bin: its HOME, else the account's home folder.
      homedir: env.HOME || homedir(),
      programName: "modelctl",
    },
  });
  // main() leaves the process as it found it; a run that does not would leak into the next one.
  const after = processState();
  if (after !== before) throw new Error(`main() changed process state: ${before} -> ${after}`);
  return { code, stdout, stderr };
}

/** What a command must not change in the process that runs it: the exit code and the listeners on it. */
const processState = () =>
  JSON.stringify([
    process.exitCode,
    ...(["SIGINT", "SIGTERM", "SIGHUP", "exit", "beforeExit"] as const).map((event) =>
      process.listenerCount(event),
    ),
    process.stdout.listenerCount("error"),
    process.stderr.listenerCount("error"),
  ]);

export function runBin(home: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), BIN, ...args],
      {
        env: testEnv(home, options),
        encoding: "utf8",
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? "");
  });
}

/** A temp HOME for one test; `MODELCTL_HOME` is `<home>/.modelctl` unless a test overrides it. */
export function tempHome(): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), "modelctl-test-"));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** The built bin under a real pseudo-terminal (`script` of util-linux): stdout and stderr are the pty, merged. */
export function runInPty(args: readonly string[], env: Record<string, string | undefined>): Promise<string> {
  const command = [process.execPath, BIN, ...args]
    .map((word) => `'${word.replaceAll("'", "'\\''")}'`)
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = execFile(
      "script",
      ["-qfec", command, "/dev/null"],
      {
        env: Object.fromEntries(
          Object.entries(env).filter(([, value]) => value !== undefined),
        ) as NodeJS.ProcessEnv,
        encoding: "utf8",
        timeout: 60_000,
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
    child.stdin?.end();
  });
}

/** Whether `script` (util-linux) can run a command under a pty here. */
export const hasScript = (): Promise<boolean> =>
  new Promise((resolve) =>
    execFile("script", ["-qfec", "true", "/dev/null"], (error) => resolve(error === null)),
  );
