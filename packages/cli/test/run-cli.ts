// Runs the built modelctl bin as a child process against a temp home, the way users and scripts run it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/modelctl.js", import.meta.url));

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly input?: string;
  /** Options for node itself, before the bin (`--import` a hook). */
  readonly nodeArgs?: readonly string[];
}

export function runBin(home: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), BIN, ...args],
      {
        // Only what the test sets: no provider keys or config paths leak in from the machine running the tests.
        env: {
          PATH: process.env.PATH,
          HOME: home,
          MODELCTL_HOME: join(home, ".modelctl"),
          NO_COLOR: "1",
          ...options.env,
        },
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
