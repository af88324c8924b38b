// A mistyped command or option is a usage error (64) on one line, with the nearest command or option on a second.
import { afterAll, describe, expect, it } from "vitest";
import { type RunResult, runBin, runCli, tempHome } from "./run-cli.js";

const { home, cleanup } = tempHome();
afterAll(() => cleanup());

function expectSuggestion(result: RunResult, error: RegExp, suggestion: string | undefined): void {
  expect(result.code).toBe(64);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^Error: /);
  expect(lines[0]).toMatch(error);
  expect(lines.slice(1)).toEqual(suggestion === undefined ? [] : [`Did you mean \`${suggestion}\`?`]);
}

describe("unknown commands suggest the nearest command", () => {
  it.each([
    [["models", "stauts"], /Unknown command "models stauts"\. models has: status, list/, "models status"],
    [["modles", "status"], /Unknown command "modles status"\. Run `modelctl --help`/, "models status"],
    [
      ["models", "aliases", "ad", "opus", "anthropic/claude-opus-4-6"],
      /"models aliases ad /,
      "models aliases add",
    ],
    [["models", "aliase", "add", "opus", "x/y"], /"models aliase add opus x\/y"/, "models aliases add"],
    [["models", "fallbacks", "claer"], /"models fallbacks claer"/, "models fallbacks clear"],
    [["models", "image-fallback", "list"], /"models image-fallback list"/, "models image-fallbacks list"],
    [
      ["models", "auth", "order", "gt", "--provider", "openai"],
      /"models auth order …"/,
      "models auth order get",
    ],
    [["pluggins", "list"], /"pluggins list"/, "plugins list"],
    [["STATUS"], /"STATUS"/, undefined],
  ])("%j", async (args, error, suggestion) => {
    expectSuggestion(await runCli(home, args), error, suggestion);
  });

  it("suggests nothing when no command is close", async () => {
    expectSuggestion(await runCli(home, ["models", "frobnicate"]), /"models frobnicate"/, undefined);
    expectSuggestion(await runCli(home, ["frobnicate"]), /"frobnicate"/, undefined);
  });

  it("names the command but never echoes the word typed after an auth group (it may be a pasted secret)", async () => {
    const secret = "sk-ant-oat01-list";
    const mistyped = await runCli(home, ["models", "auth", "lsit"]);
    expectSuggestion(mistyped, /Unknown command "models auth …"/, "models auth list");
    expect(mistyped.stderr).not.toContain("lsit");
    const pasted = await runCli(home, ["models", "auth", secret]);
    expect(pasted.code).toBe(64);
    expect(pasted.stderr).not.toContain(secret);
  });
});

describe("unknown options suggest the nearest option of the command matched", () => {
  it.each([
    [["models", "status", "--jsn"], "models status", "--json"],
    [["models", "status", "--probe-timout", "500"], "models status", "--probe-timeout"],
    [["models", "list", "--refesh"], "models list", "--refresh"],
    [["models", "scan", "--max-candiates", "2"], "models scan", "--max-candidates"],
    [["models", "scan", "--no-prbe"], "models scan", "--no-probe"],
    [["models", "aliases", "add", "opus", "x/y", "--confg", "c.json"], "models aliases add", "--config"],
    [["models", "auth", "login", "--provder", "openai-codex"], "models auth login", "--provider"],
    // A bare group takes the options of the command it runs.
    [["models", "--plian"], "models", "--plain"],
    [["--hepl"], undefined, "--help"],
  ])("%j", async (args, command, suggestion) => {
    const where = command === undefined ? "modelctl" : `modelctl ${command}`;
    expectSuggestion(
      await runCli(home, args),
      new RegExp(`Unknown option \\S+ for \`${where}\``),
      suggestion,
    );
  });

  it("suggests another command's option only if the command matched has it", async () => {
    // --probe is `models status`'s; `models list` has nothing near it.
    expectSuggestion(await runCli(home, ["models", "list", "--probe"]), /Unknown option --probe/, undefined);
  });

  it("keeps the secret-flag refusal as it is, with no suggestion", async () => {
    const secret = await runCli(home, ["models", "status", "--token", "sk-canary-0123"]);
    expectSuggestion(secret, /Secrets are not taken from arguments/, undefined);
    expect(secret.stderr).not.toContain("sk-canary-0123");
  });
});

describe("the built bin", () => {
  // The bin mounts only the commands named in argv; suggestions come from every command, loaded on the error only.
  it("suggests commands and options from its one-file bundle", async () => {
    expectSuggestion(await runBin(home, ["models", "stauts"]), /"models stauts"/, "models status");
    expectSuggestion(await runBin(home, ["modles", "status"]), /"modles status"/, "models status");
    expectSuggestion(await runBin(home, ["models", "status", "--jsn"]), /--jsn/, "--json");
  });
});
