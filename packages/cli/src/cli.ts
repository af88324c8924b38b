// The modelctl bin: a cac program with the models commands mounted, like any host's, and its own top-level errors.
import * as util from "node:util";
import { type CAC, cac } from "cac";
import pkg from "../package.json" with { type: "json" };
import { usageMessage } from "./cac-commands.js";
import { EXIT } from "./errors.js";
import { type Io, println, processIo } from "./io.js";
import { registerModelsCommands } from "./register.js";

/**
 * A reader that stops early (`modelctl models status | head -3`) closes the pipe; that is not our failure. Any other
 * write error on stdout (a full disk, EIO) is: one line on stderr and exit 74, whenever it happens.
 */
function watchOutput(): { readonly failed: () => boolean } {
  let outputFailed = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
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
  });
  // Diagnostics that cannot be written cannot be reported either; the exit code still says what happened.
  process.stderr.on("error", () => {});
  return { failed: () => outputFailed };
}

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
  const output = watchOutput();
  const code = await main(argv);
  // A failed write reports its error on a later tick; let it arrive (exit 74) before judging what is left to flush.
  await new Promise((resolve) => setImmediate(resolve));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
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
      console.info = (...args: unknown[]) => io.stdout.write(`${util.format(...args)}\n`);
      try {
        output();
      } finally {
        console.info = info;
      }
    };
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const cli = cac("modelctl");
  let exitCode = 0;
  registerModelsCommands(cli, {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  cli.help();
  cli.version(pkg.version);
  printHelpOn(cli, io);
  cli.parse([...argv], { run: false });
  if (cli.options.help || cli.options.version) return 0;
  if (!cli.matchedCommand) {
    const [word] = cli.args;
    if (word === undefined) {
      // cac checks options only for a matched command; `modelctl --version-x` is a typo, not a request for help.
      try {
        cli.globalCommand.checkUnknownOptions();
      } catch (error) {
        println(io.stderr, `Error: ${usageMessage((error as Error).message, undefined, "modelctl")}`);
        return EXIT.usage;
      }
      cli.outputHelp();
      return 0;
    }
    println(
      io.stderr,
      `Error: Unknown command "${cli.args.join(" ")}". Run \`modelctl --help\` for the commands.`,
    );
    return EXIT.usage;
  }
  // Every command is a mounted one: its usage errors are reported (64) and its exit code set through setExitCode.
  await cli.runMatchedCommand();
  return exitCode;
}
