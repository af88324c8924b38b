import { Readable } from "node:stream";
import { cac } from "cac";
import { describe, expect, it } from "vitest";
import { type CommandEntry, mountCommands, usageMessage } from "./cac-commands.js";
import { EXIT } from "./errors.js";

/** Mounts `entries` on a fresh cac program, parses `args` and runs the matched command, as a host program does. */
async function parse(entries: readonly CommandEntry[], args: readonly string[]) {
  const cli = cac("host");
  let stderr = "";
  let code: number | undefined;
  mountCommands(cli, entries, {
    io: {
      stdin: Readable.from([]),
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      homedir: "/home/test",
      programName: "host",
    },
    setExitCode: (value) => {
      code = value;
    },
  });
  cli.parse(["node", "host", ...args], { run: false });
  await cli.runMatchedCommand();
  return { code, stderr, command: cli.matchedCommand?.name };
}

/** A command that records what it was given. */
function recorder(name: string, options: { flags: string; repeatable?: boolean }[] = []) {
  const calls: unknown[][] = [];
  const spec: CommandEntry = {
    name,
    description: "test",
    options: options.map((option) => ({ ...option, description: "test" })),
    run: async (_io, ...args: never[]) => {
      calls.push(args);
      return 0;
    },
  };
  return { spec, calls };
}

describe("mountCommands: argv", () => {
  it("joins the words of a multi-word command name, after options that take a value", async () => {
    const add = recorder("models aliases add <alias> <model>", [{ flags: "--agent <id>" }]);
    const result = await parse(
      [add.spec],
      ["--agent", "work", "models", "aliases", "add", "fast", "openai/gpt-5.2"],
    );
    expect(result).toMatchObject({ code: 0, command: "models aliases add" });
    expect(add.calls[0]?.slice(0, 2)).toEqual(["fast", "openai/gpt-5.2"]);
  });

  it("gives value options to the command as typed, not as the numbers cac makes of them", async () => {
    const status = recorder("models status", [{ flags: "--probe-timeout <ms>" }, { flags: "--agent <id>" }]);
    await parse([status.spec], ["models", "status", "--probe-timeout", "0x10", "--agent", "1e3"]);
    expect(status.calls[0]?.[0]).toMatchObject({ probeTimeout: "0x10", agent: "1e3" });
  });

  it("refuses a value option given twice unless it is repeatable (64)", async () => {
    const status = recorder("models status", [
      { flags: "--agent <id>" },
      { flags: "--probe-model <ref>", repeatable: true },
    ]);
    const twice = await parse([status.spec], ["models", "status", "--agent", "a", "--agent", "b"]);
    expect(twice.code).toBe(EXIT.usage);
    expect(twice.stderr).toBe(
      "Error: Option --agent was given 2 times; give it once. Run `host models status --help` for usage.\n",
    );
    const repeated = await parse(
      [status.spec],
      ["models", "status", "--probe-model", "a/b", "--probe-model", "c/d"],
    );
    expect(repeated.code).toBe(0);
    expect(status.calls.at(-1)?.[0]).toMatchObject({ probeModel: ["a/b", "c/d"] });
  });

  it("refuses an extra argument (cac 6 would pass it over) without running the command", async () => {
    const set = recorder("models set <model>");
    const result = await parse([set.spec], ["models", "set", "a/b", "c/d"]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("Unexpected argument `c/d` for `host models set`");
    expect(set.calls).toEqual([]);
  });

  it("runs a bare group as its default command, and names the group's commands for an unknown word", async () => {
    const list = recorder("models aliases list");
    const group: CommandEntry = { group: "models aliases", description: "test", bare: "list" };
    expect((await parse([list.spec, group], ["models", "aliases"])).code).toBe(0);
    expect(list.calls).toHaveLength(1);
    const unknown = await parse([list.spec, group], ["models", "aliases", "lsit"]);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain('Unknown command "models aliases lsit". models aliases has: list.');
  });
});

describe("usageMessage", () => {
  it("shows an unknown option as typed, not as cac's camel-cased key", () => {
    expect(usageMessage("Unknown option `--versionX`", undefined, "modelctl")).toBe(
      "Unknown option --version-x for `modelctl`. Run `modelctl --help` for usage.",
    );
  });

  it("answers a secret flag with how to pipe the secret instead, without echoing a value", () => {
    const message = usageMessage("Unknown option `--token`", "models status", "modelctl");
    expect(message).toContain("Secrets are not taken from arguments (--token)");
    expect(message).toContain("| modelctl models auth paste-token --provider <id>");
  });

  it("does not echo a stray argument of an auth command: it may be a pasted secret", () => {
    expect(usageMessage("Unused args: `sk-live-123`", "models auth paste-token", "modelctl")).toBe(
      "Unexpected argument for `modelctl models auth paste-token` (not shown). Run `modelctl models auth paste-token --help` for usage.",
    );
  });
});
