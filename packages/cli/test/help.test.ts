import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

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
