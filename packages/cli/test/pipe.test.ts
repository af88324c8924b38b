// Scripts pipe modelctl into programs that stop reading early (`| head -3`, `| grep -q`).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
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
