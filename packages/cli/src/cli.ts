// The modelctl bin: a cac program with the models commands mounted, like any host's, and its own top-level errors.
import { type CAC, cac } from "cac";
import pkg from "../package.json" with { type: "json" };
import { binOutput } from "./bin-output.js";
import { commandHint, optionHint, usageMessage } from "./cac-commands.js";
import { EXIT } from "./errors.js";
import { type Io, println, processIo } from "./io.js";
import { commandsNamedIn, registerSomeCommands } from "./register.js";

export interface MainOptions {
  /** Streams, env and home folder; the process's by default (tests give buffers and a temp home). */
  readonly io?: Partial<Io>;
}

/**
 * Runs one command line (`argv` as `process.argv`: node, the script, then the arguments) and resolves to its exit
 * code. It touches no process global (exit code, stream handlers), so it can run many times in one process.
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  return run(argv, processIo("modelctl", options.io));
}

/**
 * The bin's entry: runs the command, waits until stdout and stderr are flushed, then exits. Exiting rather than
 * waiting for the event loop to empty is what makes \`--probe-timeout\` the end of the run: a probe that timed out
 * while connecting to a host that drops packets is over, but the runtime's fetch keeps the connection attempt alive
 * until its own connect timeout (10 s).
 */
export async function mainAndExit(argv: readonly string[]): Promise<never> {
  const output = binOutput();
  const code = await main(argv, {
    io: Object.defineProperties(
      { stdout: output.stdout },
      { stderr: { get: () => output.stderr, enumerable: true } },
    ),
  });
  await output.flushed();
  process.exit(output.failed() ? EXIT.cannotWriteOutput : code);
}

/**
 * cac prints help and the version with `console.info`; this program prints them on its io's stdout instead, so that
 * an in-process run (tests) gets them with the rest of its output. The swap is synchronous: nothing else runs
 * while `console.info` points elsewhere.
 */
function printHelpOn(cli: CAC, io: Io): void {
  for (const name of ["outputHelp", "outputVersion"] as const) {
    const output = cli[name].bind(cli);
    cli[name] = () => {
      const info = console.info;
      // cac prints its help and version as one string each: no format directives to apply.
      console.info = (...args: unknown[]) => io.stdout.write(`${args.join(" ")}\n`);
      try {
        output();
      } finally {
        console.info = info;
      }
    };
  }
}

/**
 * The end of the bin's top-level help: where the rest is told. Only the bin's: a host program mounting the commands
 * has its own environment and files.
 */
const LEARN_MORE = {
  title: "Learn more",
  body: [
    "  Environment  MODELCTL_HOME, MODELCTL_CONFIG, MODELCTL_AGENT_DIR, provider keys, NO_COLOR, …",
    "  Exit codes   0 ok, 1/2 `models status --check`, 64 usage, 65 bad data, 73 cannot write, 75 try again, …",
    "  Files        $MODELCTL_HOME/modelctl.json (config), <agent>/auth-profiles.json and auth-state.json",
    "  README       https://github.com/modelctl/modelctl#readme (sections Environment, Exit codes, Files)",
  ].join("\n"),
};

/**
 * Whether a program with only the commands the arguments name parsed them as one with every command would: it
 * matched a command, and every option given is that command's (an unknown option is reported, and the words after
 * an option's value found, with every command's options in view).
 */
function parsedAsInFull(cli: CAC): boolean {
  if (!cli.matchedCommand) return false;
  try {
    cli.matchedCommand.checkUnknownOptions();
    return true;
  } catch {
    return false;
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const register = {
    io,
    setExitCode: (code: number) => {
      exitCode = code;
    },
  };
  const program = (only: ReturnType<typeof commandsNamedIn>) => {
    const cli = cac("modelctl");
    registerSomeCommands(cli, register, only);
    cli.help((sections) => (cli.matchedCommand ? sections : [...sections, LEARN_MORE]));
    cli.version(pkg.version);
    printHelpOn(cli, io);
    cli.parse([...argv], { run: false });
    return cli;
  };
  const named = commandsNamedIn(argv);
  let cli = program(named);
  if (named !== undefined && !parsedAsInFull(cli)) cli = program(undefined);
  if (cli.options.help || cli.options.version) return 0;
  if (!cli.matchedCommand) {
    const [word] = cli.args;
    if (word === undefined) {
      // cac checks options only for a matched command; `modelctl --version-x` is a typo, not a request for help.
      try {
        cli.globalCommand.checkUnknownOptions();
      } catch (error) {
        const line = usageMessage((error as Error).message, undefined, "modelctl");
        println(io.stderr, `Error: ${line}`);
        const hint = await optionHint(line, cli.globalCommand.options);
        if (hint) println(io.stderr, hint);
        return EXIT.usage;
      }
      cli.outputHelp();
      return 0;
    }
    println(
      io.stderr,
      `Error: Unknown command "${cli.args.join(" ")}". Run \`modelctl --help\` for the commands.`,
    );
    // Every command is mounted here: a line that matched none was parsed again with all of them.
    const hint = await commandHint(
      cli.args,
      cli.commands.map((command) => command.name),
    );
    if (hint) println(io.stderr, hint);
    return EXIT.usage;
  }
  // Every command is a mounted one: its usage errors are reported (64) and its exit code set through setExitCode.
  await cli.runMatchedCommand();
  return exitCode;
}
