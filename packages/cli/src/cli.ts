// The modelctl bin: a cac program with the models commands mounted, usage errors made readable.
import { cac } from "cac";
import pkg from "../package.json" with { type: "json" };
import { EXIT } from "./errors.js";
import { println } from "./io.js";
import { registerModelsCommands } from "./register.js";

// Flags people reach for to pass a secret; argv ends up in shell history and `ps`, so none exists.
const SECRET_FLAGS =
  /^--?(token|key|api-?key|secret|password|access(-token)?|refresh(-token)?|setup-token)$/i;

/** Rewrites cac's terse parse errors into one line that names the command and the fix. */
function usageMessage(error: Error, command: string | undefined, program: string): string {
  const where = command ? `${program} ${command}` : program;
  const help = `Run \`${where} --help\` for usage.`;
  const unknown = /^Unknown option `(.+)`$/.exec(error.message);
  if (unknown && SECRET_FLAGS.test(unknown[1] ?? "")) {
    const sub = command?.startsWith("models auth ") ? command : "models auth paste-token";
    return `Secrets are not taken from arguments (${unknown[1]}): they would stay in shell history and be visible to other processes. Pipe it on stdin instead: printf %s "$SECRET" | ${program} ${sub} --provider <id>`;
  }
  if (unknown) return `Unknown option ${unknown[1]} for \`${where}\`. ${help}`;
  const missing = /^missing required args for command `(.+)`$/.exec(error.message);
  if (missing) return `Missing argument: usage is \`${program} ${missing[1]}\`. ${help}`;
  const value = /^option `(.+)` value is missing$/.exec(error.message);
  if (value) return `Option ${value[1]} needs a value. ${help}`;
  const unused = /^Unused args: (.+)$/.exec(error.message);
  // Not echoed for auth commands: a stray argument there is likely a pasted secret.
  if (unused && command?.startsWith("models auth"))
    return `Unexpected argument for \`${where}\` (not shown). ${help}`;
  if (unused) return `Unexpected argument ${unused[1]} for \`${where}\`. ${help}`;
  return `${error.message}. ${help}`;
}

/** A reader that stops early (`modelctl models status | head -3`) closes the pipe; that is not our failure. */
function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE") throw error;
}

export async function main(argv: readonly string[]): Promise<number> {
  process.stdout.on("error", ignoreClosedPipe);
  process.stderr.on("error", ignoreClosedPipe);
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
      println(
        process.stderr,
        `Error: Unknown command "${cli.args.join(" ")}". Run \`modelctl --help\` for the commands.`,
      );
      return EXIT.usage;
    }
    await cli.runMatchedCommand();
    return exitCode;
  } catch (error) {
    if (error instanceof Error && error.name === "CACError") {
      println(
        process.stderr,
        `Error: ${usageMessage(error, cli.matchedCommandName ?? cli.matchedCommand?.name, "modelctl")}`,
      );
      return EXIT.usage;
    }
    throw error;
  }
}
