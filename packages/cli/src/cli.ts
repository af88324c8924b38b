// The modelctl bin: a cac program with the models commands mounted, like any host's, and its own top-level errors.
import * as util from "node:util";
import { cac } from "cac";
import pkg from "../package.json" with { type: "json" };
import { usageMessage } from "./cac-commands.js";
import { EXIT } from "./errors.js";
import { println } from "./io.js";
import { registerModelsCommands } from "./register.js";

let outputFailed = false;

/**
 * A reader that stops early (`modelctl models status | head -3`) closes the pipe; that is not our failure. Any other
 * write error on stdout (a full disk, EIO) is: one line on stderr and exit 74, whenever it happens.
 */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE" || outputFailed) return;
  outputFailed = true;
  process.exitCode = EXIT.cannotWriteOutput;
  // util.getSystemErrorMessage is newer than some Node 22 releases; a named import would stop the bin from loading there.
  const reason =
    typeof error.errno === "number" && util.getSystemErrorMessage
      ? util.getSystemErrorMessage(error.errno)
      : error.message;
  process.stderr.write(
    `Error: cannot write to standard output: ${reason}${error.code ? ` (${error.code})` : ""}\n`,
  );
}

/** Diagnostics that cannot be written cannot be reported either; the exit code still says what happened. */
function onStderrError(): void {}

export async function main(argv: readonly string[]): Promise<number> {
  process.stdout.on("error", onStdoutError);
  process.stderr.on("error", onStderrError);
  const code = await run(argv);
  return outputFailed ? EXIT.cannotWriteOutput : code;
}

/**
 * Resolves once everything written to `stream` has been handed to the system, or the stream failed. Nothing more is
 * written to find out: even an empty write fails on a full device.
 */
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) return resolve();
    stream.once("drain", resolve).once("error", resolve).once("close", resolve);
  });

/**
 * The bin's entry: runs the command, waits until stdout and stderr are flushed, then exits. Exiting rather than
 * waiting for the event loop to empty is what makes \`--probe-timeout\` the end of the run: a probe that timed out
 * while connecting to a host that drops packets is over, but the runtime's fetch keeps the connection attempt alive
 * until its own connect timeout (10 s).
 */
export async function mainAndExit(argv: readonly string[]): Promise<never> {
  const code = await main(argv);
  // A failed write reports its error on a later tick; let it arrive (exit 74) before judging what is left to flush.
  await new Promise((resolve) => setImmediate(resolve));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(outputFailed ? EXIT.cannotWriteOutput : code);
}

async function run(argv: readonly string[]): Promise<number> {
  const cli = cac("modelctl");
  let exitCode = 0;
  registerModelsCommands(cli, {
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  cli.help();
  cli.version(pkg.version);
  cli.parse([...argv], { run: false });
  if (cli.options.help || cli.options.version) return 0;
  if (!cli.matchedCommand) {
    const [word] = cli.args;
    if (word === undefined) {
      // cac checks options only for a matched command; `modelctl --version-x` is a typo, not a request for help.
      try {
        cli.globalCommand.checkUnknownOptions();
      } catch (error) {
        println(process.stderr, `Error: ${usageMessage((error as Error).message, undefined, "modelctl")}`);
        return EXIT.usage;
      }
      cli.outputHelp();
      return 0;
    }
    println(
      process.stderr,
      `Error: Unknown command "${cli.args.join(" ")}". Run \`modelctl --help\` for the commands.`,
    );
    return EXIT.usage;
  }
  // Every command is a mounted one: its usage errors are reported (64) and its exit code set through setExitCode.
  await cli.runMatchedCommand();
  return exitCode;
}
