// Scripts pipe modelctl into programs that stop reading early (`| head -3`, `| grep -q`), or into a full disk.
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, tempHome } from "./run-cli.js";

const { home, cleanup } = tempHome();
afterAll(() => cleanup());

it("a reader that closes the pipe before the output is written is not a crash", async () => {
  const child = spawn(process.execPath, [BIN, "models", "status"], {
    env: { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, ".modelctl") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Closed before the child has started: its first write meets a closed pipe (EPIPE).
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(stderr).toBe("");
  expect(code).toBe(0);
});

describe("standard output that cannot be written (a full disk)", () => {
  /** Runs the bin with stdout opened on /dev/full, where every write fails with ENOSPC. */
  async function runIntoFullDisk(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const full = openSync("/dev/full", "w");
    try {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, ".modelctl") },
        stdio: ["ignore", full, "pipe"],
      });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      return { code, stderr };
    } finally {
      closeSync(full);
    }
  }

  it.each([
    [["models", "status"]],
    [["models", "status", "--json"]],
    [["plugins", "list"]],
    [["--help"]],
    [["--version"]],
  ])("%j prints one line on stderr and exits 74", async (args) => {
    const { code, stderr } = await runIntoFullDisk(args);
    expect(stderr).toBe("Error: cannot write to standard output: no space left on device (ENOSPC)\n");
    expect(code).toBe(74);
  });

  it("a failed command keeps its own error and does not add a crash", async () => {
    const { code, stderr } = await runIntoFullDisk(["models", "set", "anthropic/"]);
    expect(code).toBe(65);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
