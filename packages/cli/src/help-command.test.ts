import { Readable } from "node:stream";
import { cac } from "cac";
import { describe, expect, it } from "vitest";
import type { Io } from "./io.js";
import { registerModelsCommands } from "./register.js";

/** A host program on buffers: `before` adds the host's own commands before the models commands are mounted. */
async function host(
  args: readonly string[],
  setUp: { before?: (cli: ReturnType<typeof cac>) => void; help?: boolean } = {},
) {
  let stdout = "";
  let stderr = "";
  let code = 0;
  const io: Partial<Io> = {
    stdin: Readable.from([]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    programName: "agentctl",
  };
  const cli = cac("agentctl");
  setUp.before?.(cli);
  registerModelsCommands(cli, {
    io,
    setExitCode: (value) => {
      code = value;
    },
  });
  if (setUp.help !== false) cli.help();
  // cac prints help with console.info.
  const info = console.info;
  console.info = (...parts: unknown[]) => {
    stdout += `${parts.join(" ")}\n`;
  };
  try {
    cli.parse(["node", "agentctl", ...args], { run: false });
    await cli.runMatchedCommand();
  } finally {
    console.info = info;
  }
  return { code, stdout, stderr };
}

describe("help in a host program", () => {
  it("keeps a `help` command the host registered first, and adds none", async () => {
    let ran: unknown;
    const result = await host(["help", "models", "status"], {
      before: (cli) => {
        cli.command("help [...topic]", "The host's help").action((topic: string[]) => {
          ran = topic;
        });
      },
    });
    expect(ran).toEqual(["models", "status"]);
    expect(result.stdout).toBe("");
  });

  it("prints help asked for by name even when the host did not call cli.help()", async () => {
    const result = await host(["help", "models", "aliases"], { help: false });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ agentctl models aliases <command> [options]");
  });

  it("mounts once when the commands are registered twice", () => {
    const cli = cac("agentctl");
    registerModelsCommands(cli);
    registerModelsCommands(cli);
    expect(cli.commands.filter((command) => command.name === "help")).toHaveLength(1);
  });
});
