// `help [command…]`: the help `--help` prints, asked for as a command (`modelctl help models status`), on any cac
// program the models commands are mounted on; an unknown command is a usage error with the nearest one suggested.
import type { CAC, Command } from "cac";
import { type CommandSpec, commandHint, mountCommands, type RegisterOptions } from "./cac-commands.js";
import { usageError } from "./errors.js";

const helped = new WeakSet<CAC>();

/** The command words of `help <words…>` (up to the first option), or undefined for a line that is not one. */
function helpWords(argv: readonly string[]): string[] | undefined {
  if (argv[2] !== "help") return undefined;
  const words: string[] = [];
  for (const token of argv.slice(3)) {
    if (token.startsWith("-")) break;
    words.push(token);
  }
  return words;
}

/**
 * `help <words…>` as `<command> --help` when the words name a command of `cli` (the host's too): the longest
 * leading run of them that does, the rest being its arguments. When that command is one of our groups and more
 * words follow, they are a mistyped sub-command: the line becomes `<group> <words…>`, whose error (which hides the
 * words of an auth group: they may be a pasted secret) suggests the nearest. Words that name nothing are left to the
 * `help` command to report.
 */
function asHelpFlag(cli: CAC, argv: readonly string[]): readonly string[] {
  const words = helpWords(argv);
  // `help --help` is the help of `help`.
  if (words === undefined || (words.length === 0 && /^(-h|--help)$/.test(argv[3] ?? ""))) return argv;
  let matched: Command | undefined;
  let length = 0;
  for (let i = 1; i <= words.length; i++) {
    const command = cli.commands.find((each) => each.name === words.slice(0, i).join(" "));
    if (command) [matched, length] = [command, i];
  }
  if (words.length > 0 && matched === undefined) return argv;
  const isGroup = matched?.rawName.endsWith(" [...rest]") === true;
  if (isGroup && length < words.length) return [...argv.slice(0, 2), ...words];
  // A host that did not call `cli.help()` still gets help when it is asked for by name.
  if (!cli.showHelpOnExit) cli.help();
  return [...argv.slice(0, 2), ...words.slice(0, length), "--help"];
}

/**
 * Mounts `help [...command]` on `cli`, unless it has a command of that name already (the host's own is kept), and
 * wraps `cli.parse` to read `help <command…>` as `<command> --help`. The command itself only runs for words that
 * name no command, to say so.
 */
export function mountHelp(cli: CAC, options: RegisterOptions = {}): void {
  if (helped.has(cli) || cli.commands.some((command) => command.name === "help")) return;
  helped.add(cli);
  const help: CommandSpec = {
    name: "help [...command]",
    description: "Show the help of a command, as --help does",
    examples: ["$0 help models status", "$0 help models aliases"],
    run: async (io, words: string[]) => {
      const given = words.join(" ");
      throw usageError(
        `Unknown command "${given}". Run \`${io.programName} help\` for the commands.`,
        await commandHint(
          words,
          cli.commands.map((command) => command.name),
        ),
      );
    },
  };
  mountCommands(cli, [help], options);
  const parse = cli.parse.bind(cli);
  cli.parse = ((argv?: string[], parseOptions?: { run?: boolean }) =>
    parse([...asHelpFlag(cli, argv ?? process.argv)], parseOptions)) as CAC["parse"];
}
