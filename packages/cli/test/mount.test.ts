import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempHome } from "./run-cli.js";

const { home, cleanup } = tempHome();
afterAll(() => cleanup());

// A host program of its own, with the models commands mounted: what an agent builder does with @modelctl/cli.
const host = `
import { cac } from "cac";
import { registerModelsCommands } from "@modelctl/cli";
const cli = cac("agentctl");
cli.command("hello", "The host's own command").action(() => console.log("hello from the host"));
registerModelsCommands(cli);
cli.help();
cli.parse();
`;

function runHost(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = join(import.meta.dirname, "..", `.mount-host-${process.pid}.mjs`);
  writeFileSync(script, host);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { env: { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, "state") }, encoding: "utf8" },
      (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  }).finally(() => import("node:fs").then((fs) => fs.rmSync(script, { force: true }))) as Promise<{
    code: number;
    stdout: string;
    stderr: string;
  }>;
}

describe("registerModelsCommands in another cac program", () => {
  it("runs multi-word commands and keeps the host's own", async () => {
    expect((await runHost(["hello"])).stdout).toBe("hello from the host\n");
    const added = await runHost(["models", "aliases", "add", "opus", "anthropic/claude-opus-4-6"]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Alias opus -> anthropic/claude-opus-4-6");
    expect(
      JSON.parse(readFileSync(join(home, "state", "modelctl.json"), "utf8")).agents.defaults.models,
    ).toEqual({
      "anthropic/claude-opus-4-6": { alias: "opus" },
    });
  });

  it("judges the models commands' option values as typed, also when the host's parse runs the command", async () => {
    const result = await runHost(["models", "status", "--probe", "--probe-timeout", "0x10"]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(
      '--probe-timeout must be a positive whole number of milliseconds, got "0x10"',
    );
  });

  it("names the host program in hints and sets the exit code", async () => {
    const result = await runHost(["models", "nope"]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("Run `agentctl models --help`");
  });
});
