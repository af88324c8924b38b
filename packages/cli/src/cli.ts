// The modelctl bin: a cac program with the models commands mounted, usage errors made readable.
import { cac } from "cac";
import pkg from "../package.json" with { type: "json" };
import { EXIT } from "./errors.js";
import { registerModelsCommands } from "./register.js";

/** Rewrites cac's terse parse errors into one line that names the command and the fix. */
function usageMessage(error: Error, command: string | undefined, program: string): string {
  const where = command ? `${program} ${command}` : program;
  const help = `Run \`${where} --help\` for usage.`;
  const unknown = /^Unknown option `(.+)`$/.exec(error.message);
  if (unknown) return `Unknown option ${unknown[1]} for \`${where}\`. ${help}`;
  const missing = /^missing required args for command `(.+)`$/.exec(error.message);
  if (missing) return `Missing argument: usage is \`${program} ${missing[1]}\`. ${help}`;
  const value = /^option `(.+)` value is missing$/.exec(error.message);
  if (value) return `Option ${value[1]} needs a value. ${help}`;
  const unused = /^Unused args: (.+)$/.exec(error.message);
  if (unused) return `Unexpected argument ${unused[1]} for \`${where}\`. ${help}`;
  return `${error.message}. ${help}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const cli = cac("modelctl");
  let exitCode = 0;
  registerModelsCommands(cli, {
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  cli.help();
  cli.version(pkg.version);
  try {
    cli.parse([...argv], { run: false });
    if (cli.options.help || cli.options.version) return 0;
    if (!cli.matchedCommand) {
      const [word] = cli.args;
      if (word === undefined) {
        cli.outputHelp();
        return 0;
      }
      process.stderr.write(
        `Error: Unknown command "${cli.args.join(" ")}". Run \`modelctl --help\` for the commands.\n`,
      );
      return EXIT.usage;
    }
    await cli.runMatchedCommand();
    return exitCode;
  } catch (error) {
    if (error instanceof Error && error.name === "CACError") {
      process.stderr.write(
        `Error: ${usageMessage(error, cli.matchedCommandName ?? cli.matchedCommand?.name, "modelctl")}\n`,
      );
      return EXIT.usage;
    }
    throw error;
  }
}
