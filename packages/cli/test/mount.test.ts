import { execFile } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempHome } from "./run-cli.js";

const PACKAGE = join(import.meta.dirname, "..");
const { home, cleanup } = tempHome();
afterAll(() => cleanup());

// A host program of its own, with the models commands mounted as the README shows: what an agent builder does with
// @modelctl/cli. `cac6` is cac 6.7.14, installed under that alias for this test.
const hostSource = (cacPackage: string) => `
import { cac } from "${cacPackage}";
import { registerModelsCommands } from "@modelctl/cli";
const cli = cac("agentctl");
cli.command("hello", "The host's own command").action(() => console.log("hello from the host"));
registerModelsCommands(cli);
cli.help();
cli.parse();
`;

interface HostRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Writes the host program into this package (so that `@modelctl/cli` and cac resolve) for the tests of a block. */
function hostProgram(cacPackage: string) {
  const script = join(PACKAGE, `.mount-host-${cacPackage}-${process.pid}.mjs`);
  beforeAll(() => writeFileSync(script, hostSource(cacPackage)));
  afterAll(() => rmSync(script, { force: true }));
  return (args: string[], options: { env?: Record<string, string>; nodeArgs?: string[] } = {}) =>
    new Promise<HostRun>((resolve) => {
      execFile(
        process.execPath,
        [...(options.nodeArgs ?? []), script, ...args],
        {
          env: { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, "state"), ...options.env },
          encoding: "utf8",
        },
        (error, stdout, stderr) => {
          resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
        },
      );
    });
}

describe("registerModelsCommands in another cac program", () => {
  const runHost = hostProgram("cac");

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

  it("leaves the errors of the host's own commands to the host", async () => {
    const result = await runHost(["hello", "--nope"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("CACError: Unknown option `--nope`");
  });
});

// The same mistakes, the same one line and exit code as the modelctl bin, whichever cac the host has.
describe.each(["cac", "cac6"])("usage errors of the mounted commands in a host on %s", (cacPackage) => {
  const runHost = hostProgram(cacPackage);

  it.each([
    {
      args: ["models", "status", "--jsn"],
      message:
        "Error: Unknown option --jsn for `agentctl models status`. Run `agentctl models status --help` for usage.\nDid you mean `--json`?",
    },
    {
      args: ["models", "status", "--token", "abc"],
      message:
        'Error: Secrets are not taken from arguments (--token): they would stay in shell history and be visible to other processes. Pipe it on stdin instead: printf %s "$SECRET" | agentctl models auth paste-token --provider <id>',
    },
    {
      args: ["models", "set"],
      message:
        "Error: Missing argument: usage is `agentctl models set <model>`. Run `agentctl models set --help` for usage.",
    },
    {
      args: ["models", "set", "openai/gpt-5.2", "extra"],
      message:
        "Error: Unexpected argument `extra` for `agentctl models set`. Run `agentctl models set --help` for usage.",
    },
    {
      args: ["models", "status", "--agent"],
      message: "Error: Option --agent <id> needs a value. Run `agentctl models status --help` for usage.",
    },
    {
      args: ["models", "status", "--agent", "a", "--agent", "b"],
      message:
        "Error: Option --agent was given 2 times; give it once. Run `agentctl models status --help` for usage.",
    },
    {
      args: ["models", "aliases", "shuffle"],
      message:
        'Error: Unknown command "models aliases shuffle". models aliases has: list, add, remove. Run `agentctl models aliases --help`.',
    },
  ])("$args: one line on stderr (and a suggestion), exit 64, no stack trace", async ({ args, message }) => {
    const result = await runHost(args);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe("");
  });

  it("runs commands that are used right", async () => {
    const config = join(home, `${cacPackage}.json`);
    expect(await runHost(["models", "set", "openai/gpt-5.2", "--config", config])).toMatchObject({
      code: 0,
      stderr: "",
    });
    const result = await runHost(["models", "status", "--plain", "--config", config]);
    expect(result).toEqual({ code: 0, stdout: "openai/gpt-5.2\n", stderr: "" });
  });

  it("shows group help with the sub-commands", async () => {
    const result = await runHost(["models", "aliases", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ agentctl models aliases <command> [options]");
    expect(result.stdout).toContain("models aliases add <alias> <model>");
  });

  it("answers `help <command…>` as --help, for the host's own commands too", async () => {
    const [help, flag] = await Promise.all([
      runHost(["help", "models", "status"]),
      runHost(["models", "status", "--help"]),
    ]);
    expect(help).toEqual({ code: 0, stdout: flag.stdout, stderr: "" });
    expect(help.stdout).toContain("$ agentctl models status");
    const hello = await runHost(["help", "hello"]);
    expect(hello.code).toBe(0);
    expect(hello.stdout).toContain("$ agentctl hello");
    expect((await runHost(["help"])).stdout).toContain("hello");
  });

  it("suggests the nearest command for `help` of an unknown one, the host's included", async () => {
    expect(await runHost(["help", "models", "stauts"])).toMatchObject({
      code: 64,
      stdout: "",
      stderr: expect.stringMatching(
        /^Error: Unknown command "models stauts".*\nDid you mean `models status`\?\n$/,
      ),
    });
    expect(await runHost(["help", "helo"])).toEqual({
      code: 64,
      stdout: "",
      stderr: 'Error: Unknown command "helo". Run `agentctl help` for the commands.\nDid you mean `hello`?\n',
    });
  });
});

// The host's program loads a command's code only when that command runs (the library build splits it per module).
describe("what a host loads", () => {
  const runHost = hostProgram("cac");
  // Logs every module URL node resolves, through a module hook loaded before the host.
  const hook = `data:text/javascript,${encodeURIComponent(`
    import { registerHooks } from "node:module";
    import { appendFileSync } from "node:fs";
    registerHooks({ resolve(specifier, context, next) {
      const result = next(specifier, context);
      appendFileSync(process.env.LOAD_LOG, result.url + "\\n");
      return result;
    } });`)}`;

  async function loaded(args: string[]): Promise<string[]> {
    const log = join(home, "loaded.txt");
    writeFileSync(log, "");
    const { code } = await runHost(args, { env: { LOAD_LOG: log }, nodeArgs: ["--import", hook] });
    expect(code).toBe(0);
    return readFileSync(log, "utf8")
      .split("\n")
      .filter((url) => url.includes("/cli/dist/"))
      .map((url) => url.replace(/.*\/cli\/dist\//, ""));
  }

  it("loads no command's code for --help, and only its own for models status", async () => {
    // The chunk of each command's work module (commands/<name>.ts), whatever commands there are.
    const works = readdirSync(new URL("../src/commands/", import.meta.url))
      .filter((file) => file.endsWith(".ts") && !/\.(command|test)\.ts$/.test(file))
      .map((file) => file.slice(0, -3));
    expect(works).toContain("status");
    const commandChunk = new RegExp(`^(${works.join("|")})-`);
    expect((await loaded(["--help"])).filter((file) => commandChunk.test(file))).toEqual([]);
    const status = (await loaded(["models", "status"])).filter((file) => commandChunk.test(file));
    expect(status).toHaveLength(1);
    expect(status[0]).toMatch(/^status-/);
  });
});

// What TypeScript sees in a host on cac 6: @modelctl/cli installed as a package manager installs it, its
// dependencies nested under it and its peer dependencies taken from the host.
describe("types in a host on cac 6", () => {
  it("type-checks registerModelsCommands(cli) with the host's cac", async () => {
    const project = mkdtempSync(join(tmpdir(), "modelctl-cac6-host-"));
    try {
      const modules = join(project, "node_modules");
      const installed = join(modules, "@modelctl", "cli");
      mkdirSync(join(installed, "dist"), { recursive: true });
      copyFileSync(join(PACKAGE, "package.json"), join(installed, "package.json"));
      copyFileSync(join(PACKAGE, "dist", "index.d.ts"), join(installed, "dist", "index.d.ts"));
      const manifest = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8"));
      for (const name of Object.keys(manifest.dependencies ?? {})) {
        const link = join(installed, "node_modules", name);
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(realpathSync(join(PACKAGE, "node_modules", name)), link);
      }
      symlinkSync(realpathSync(join(PACKAGE, "node_modules", "cac6")), join(modules, "cac"));
      writeFileSync(
        join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: "NodeNext",
            moduleResolution: "NodeNext",
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ["host.ts"],
        }),
      );
      writeFileSync(join(project, "package.json"), '{ "type": "module" }\n');
      writeFileSync(join(project, "host.ts"), hostSource("cac"));
      const tsc = join(PACKAGE, "..", "..", "node_modules", "typescript", "bin", "tsc");
      const result = await new Promise<HostRun>((resolve) => {
        execFile(process.execPath, [tsc, "-p", project], { encoding: "utf8" }, (error, stdout, stderr) =>
          resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr }),
        );
      });
      expect(result.stdout).toBe("");
      expect(result.code).toBe(0);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
