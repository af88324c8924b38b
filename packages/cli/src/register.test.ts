import { Readable } from "node:stream";
import { cac } from "cac";
import { afterAll, describe, expect, it } from "vitest";
import { tempHome } from "../test/run-cli.js";
import { entryWords } from "./cac-commands.js";
import { main } from "./cli.js";
import type { Io } from "./io.js";
import { commandsNamedIn, registerModelsCommands } from "./register.js";

const { home, cleanup } = tempHome();
afterAll(() => cleanup());

function bufferIo(): { io: Io; out: () => { stdout: string; stderr: string } } {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdin: Readable.from([]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { HOME: home, MODELCTL_HOME: `${home}/.modelctl`, NO_COLOR: "1" },
    homedir: home,
    programName: "modelctl",
  };
  return { io, out: () => ({ stdout, stderr }) };
}

/** The bin, which mounts only the commands the arguments name. */
async function viaBin(args: readonly string[]) {
  const { io, out } = bufferIo();
  const code = await main(["node", "modelctl", ...args], { io });
  return { code, ...out() };
}

/** A program that mounts every command, as a host does. */
async function viaEveryCommand(args: readonly string[]) {
  const { io, out } = bufferIo();
  const cli = cac("modelctl");
  let code = 0;
  registerModelsCommands(cli, {
    io,
    setExitCode: (value) => {
      code = value;
    },
  });
  cli.help();
  cli.parse(["node", "modelctl", ...args], { run: false });
  await cli.runMatchedCommand();
  return { code, ...out() };
}

describe("commandsNamedIn", () => {
  const names = (args: string[]) => {
    const only = commandsNamedIn(["node", "modelctl", ...args]);
    return only;
  };

  it("keeps the commands whose words all appear, and the groups they belong to", () => {
    const only = names(["models", "status", "--json"]);
    expect(only).toBeDefined();
    const kept = (words: string) => only?.({ group: words, description: "", bare: "x" });
    expect(kept("models")).toBe(true);
    expect(only?.({ name: "models status", description: "", run: async () => 0 })).toBe(true);
    expect(only?.({ name: "models aliases add <alias> <model>", description: "", run: async () => 0 })).toBe(
      false,
    );
    expect(kept("models aliases")).toBe(false);
    expect(
      entryWords({ name: "models aliases add <alias> <model>", description: "", run: async () => 0 }),
    ).toBe("models aliases add");
  });

  it("mounts every command for help and for a line that names none", () => {
    expect(names(["models", "status", "--help"])).toBeUndefined();
    expect(names(["-h"])).toBeUndefined();
    expect(names(["frobnicate", "--version"])).toBeUndefined();
    expect(names([])).toBeUndefined();
    expect(names(["--json"])).toBeUndefined();
  });
});

describe("the bin, mounting only the commands named, answers as a program with every command", () => {
  it.each([
    [["models", "status", "--plain"]],
    [["models", "aliases", "shuffle"]],
    [["models", "frobnicate"]],
    [["models", "status", "--provider", "openai"]],
    [["--provider", "openai", "models", "status"]],
    [["models", "status", "--agent"]],
    [["models", "set", "anthropic/"]],
    [["models", "fallbacks", "add"]],
    [["plugins", "list", "--plain", "extra"]],
  ])("%j", async (args) => {
    const bin = await viaBin(args);
    expect(bin).toEqual(await viaEveryCommand(args));
  });
});

it("prints the version once: a line that asks for it is parsed once, with every command", async () => {
  const { stdout } = await viaBin(["frobnicate", "--version"]);
  expect(stdout).toMatch(/^modelctl\/[^\n]+\n$/);
});
