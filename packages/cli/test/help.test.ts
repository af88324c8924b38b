import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cac } from "cac";
import { afterAll, describe, expect, it } from "vitest";
import { registerModelsCommands } from "../src/register.js";
import { runBin, runCli, tempHome } from "./run-cli.js";

const { home, cleanup } = tempHome();
afterAll(() => cleanup());

describe("--help", () => {
  it.each([
    [["--help"], ["models status", "models fallbacks add <model>", "plugins list"]],
    [
      ["models", "--help"],
      ["models status", "models aliases <command>", "models image-fallbacks <command>", "--agent <id>"],
    ],
    [
      ["models", "aliases", "--help"],
      ["models aliases add <alias> <model>", "models aliases remove <alias>"],
    ],
    [
      ["models", "fallbacks", "--help"],
      ["models fallbacks list", "models fallbacks clear"],
    ],
    [["models", "image-fallbacks", "--help"], ["models image-fallbacks add <model>"]],
    [
      ["models", "status", "--help"],
      ["$ modelctl models status", "--json", "--plain", "--agent <id>", "--config <path>"],
    ],
    [
      ["models", "auth", "--help"],
      [
        "models auth paste-token",
        "models auth setup-token",
        "models auth logout <profileId>",
        "models auth order <command>",
      ],
    ],
    [
      ["models", "auth", "order", "--help"],
      ["models auth order get", "models auth order set <...profileIds>", "models auth order clear"],
    ],
    [
      ["models", "auth", "paste-token", "--help"],
      ["--provider <id>", "--profile-id <id>", "--expires-in <duration>", 'printf %s "$TOKEN" |'],
    ],
    [["models", "status", "--help"], ["--check"]],
    [
      ["models", "aliases", "add", "--help"],
      ["$ modelctl models aliases add <alias> <model>", "anthropic/claude-opus-4-6"],
    ],
  ])("%j shows what that level offers", async (args, expected) => {
    const result = await runCli(home, args);
    expect(result.code).toBe(0);
    for (const text of expected) expect(result.stdout).toContain(text);
  });

  it("with no command prints the help and succeeds", async () => {
    const result = await runCli(home, []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage:");
  });
});

describe("help [command…]", () => {
  it.each([
    [["help"], ["--help"]],
    [
      ["help", "models"],
      ["models", "--help"],
    ],
    [
      ["help", "models", "status"],
      ["models", "status", "--help"],
    ],
    [
      ["help", "models", "aliases"],
      ["models", "aliases", "--help"],
    ],
    [
      ["help", "models", "auth", "order"],
      ["models", "auth", "order", "--help"],
    ],
    [
      ["help", "models", "image-fallbacks", "add"],
      ["models", "image-fallbacks", "add", "--help"],
    ],
    // What follows a command's words is its arguments and options: the help is the command's.
    [
      ["help", "models", "aliases", "add", "opus"],
      ["models", "aliases", "add", "--help"],
    ],
    [
      ["help", "models", "status", "--json"],
      ["models", "status", "--help"],
    ],
    [
      ["help", "plugins", "list"],
      ["plugins", "list", "--help"],
    ],
  ])("%j prints what %j prints", async (args, same) => {
    const [help, flag] = await Promise.all([runCli(home, args), runCli(home, same)]);
    expect(help).toEqual({ code: 0, stdout: flag.stdout, stderr: "" });
    expect(help.stdout).toContain("Usage:");
  });

  it("is listed in the top-level help", async () => {
    expect((await runCli(home, ["--help"])).stdout).toMatch(/^ {2}help \[\.\.\.command\] +Show the help/m);
  });

  it.each([
    [
      ["help", "models", "stauts"],
      /^Error: Unknown command "models stauts"\. models has: status/,
      "models status",
    ],
    [
      ["help", "modles", "status"],
      /^Error: Unknown command "modles status"\. Run `modelctl help`/,
      "models status",
    ],
    [
      ["help", "models", "aliases", "ad"],
      /^Error: Unknown command "models aliases ad"/,
      "models aliases add",
    ],
    [
      ["help", "frobnicate"],
      /^Error: Unknown command "frobnicate"\. Run `modelctl help` for the commands\./,
      undefined,
    ],
  ])("%j of an unknown command exits 64 with the nearest one", async (args, error, suggestion) => {
    const result = await runCli(home, args);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe("");
    const [first, ...rest] = result.stderr.trimEnd().split("\n");
    expect(first).toMatch(error);
    expect(rest).toEqual(suggestion === undefined ? [] : [`Did you mean \`${suggestion}\`?`]);
  });

  it("never echoes the word after an auth group, which may be a pasted secret", async () => {
    const result = await runCli(home, ["help", "models", "auth", "sk-ant-canary-0123"]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('Unknown command "models auth …"');
    expect(result.stderr).not.toContain("sk-ant-canary-0123");
  });

  it("runs nothing: help of a command that writes leaves the files alone", async () => {
    const result = await runCli(home, ["help", "models", "set", "anthropic/claude-opus-4-6"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ modelctl models set <model>");
    expect(existsSync(join(home, ".modelctl", "modelctl.json"))).toBe(false);
  });

  it("works from the built bin", async () => {
    const [help, flag] = await Promise.all([
      runBin(home, ["help", "models", "auth", "login"]),
      runBin(home, ["models", "auth", "login", "--help"]),
    ]);
    expect(help).toEqual({ code: 0, stdout: flag.stdout, stderr: "" });
    const unknown = await runBin(home, ["help", "models", "stauts"]);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toMatch(/\nDid you mean `models status`\?\n$/);
  });
});

describe("examples", () => {
  /** Every command as the bin registers it (a host's program gets the same). */
  const registered = () => {
    const cli = cac("modelctl");
    registerModelsCommands(cli);
    return cli.commands;
  };
  /** A leaf: a command that runs (a group, `<group> [...rest]`, lists its sub-commands). */
  const leaves = registered().filter((command) => !command.rawName.endsWith(" [...rest]"));

  it("walks every command (a new one is checked as soon as it is registered)", () => {
    expect(leaves.length).toBeGreaterThanOrEqual(27);
    expect(leaves.map((command) => command.name)).toContain("models auth order clear");
  });

  it.each(leaves.map((command) => [command.name]))(
    "%s has at least one example in its help",
    async (name) => {
      const command = leaves.find((each) => each.name === name);
      expect(command?.examples.length).toBeGreaterThan(0);
      const result = await runCli(home, [...name.split(" "), "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`\\nExamples:\\n(.*\\n)*.*\\$ .*modelctl ${name}\\b`));
    },
  );
});

describe("the top-level help ends with where to learn more", () => {
  it("names the environment, the exit codes and the files, and the README sections that list them", async () => {
    const { stdout } = await runCli(home, ["--help"]);
    const epilogue = stdout.slice(stdout.lastIndexOf("\nLearn more:\n"));
    expect(stdout.lastIndexOf("\nLearn more:\n")).toBeGreaterThan(stdout.indexOf("\nOptions:\n"));
    for (const text of [
      "MODELCTL_HOME",
      "MODELCTL_CONFIG",
      "64 usage",
      "modelctl.json",
      "auth-profiles.json",
    ])
      expect(epilogue).toContain(text);
    expect(epilogue).toContain("https://github.com/modelctl/modelctl#readme");
    expect(epilogue.trimEnd().split("\n").length).toBeLessThanOrEqual(6);
    // The sections it points to are there.
    const readme = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
    for (const section of ["Environment", "Exit codes", "Files"])
      expect(readme).toMatch(new RegExp(`^## ${section}$`, "m"));
  });

  it.each([[[]], [["help"]]])("%j shows it too", async (args) => {
    expect((await runCli(home, args)).stdout).toContain("\nLearn more:\n");
  });

  it("a command's help does not repeat it", async () => {
    expect((await runCli(home, ["models", "status", "--help"])).stdout).not.toContain("Learn more");
    expect((await runCli(home, ["models", "--help"])).stdout).not.toContain("Learn more");
  });
});
