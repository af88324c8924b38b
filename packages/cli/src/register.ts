// Registers the `models` command family on a cac instance: ours, or a host program's. Every command module is listed
// here once; adding a command is a file in commands/ and a line below (packages/cli/README.md, "Adding a command").
import type { CAC } from "cac";
import { type CommandEntry, entryWords, mountCommands, type RegisterOptions } from "./cac-commands.js";
import { commands as aliases } from "./commands/aliases.command.js";
import { commands as auth } from "./commands/auth.command.js";
import { commands as authOrder } from "./commands/auth-order.command.js";
import { commands as authRefresh } from "./commands/auth-refresh.command.js";
import { completionCommands } from "./commands/completion.command.js";
import { commands as fallbacks } from "./commands/fallbacks.command.js";
import { commands as list } from "./commands/list.command.js";
import { commands as plugins } from "./commands/plugins.command.js";
import { commands as scan } from "./commands/scan.command.js";
import { commands as set } from "./commands/set.command.js";
import { commands as status } from "./commands/status.command.js";
import { mountHelp } from "./help-command.js";

export type { RegisterOptions } from "./cac-commands.js";

/** In the order help lists them. */
const COMMANDS: readonly (readonly CommandEntry[])[] = [
  status,
  list,
  scan,
  set,
  aliases,
  fallbacks,
  auth,
  authRefresh,
  authOrder,
  plugins,
  // Completion reads every command's declaration, this list included.
  completionCommands(() => COMMANDS.flat()),
];

/**
 * Registers `models …` (and `plugins list`) on `cli`. cac matches one word per command, so this also wraps
 * `cli.parse` to join multi-word command names (`models aliases add`) and adds the sub-command list to group help;
 * a usage mistake in one of these commands is one line on stderr and exit code 64, in any cac 6 or 7 program.
 * It also adds `help [...command]` (`help models status` prints what `models status --help` does, for the host's
 * commands too), unless `cli` already has a `help` command.
 */
export function registerModelsCommands(cli: CAC, options: RegisterOptions = {}): CAC {
  mountCommands(cli, COMMANDS.flat(), options);
  mountHelp(cli, options);
  return cli;
}

/**
 * For the bin: the commands whose words all appear in `argv`, or undefined (every command) when it asks for help or
 * the version or names no command. Mounting 6 commands instead of 30 saves ~1.5 ms of a start. Whenever a program with only these
 * matches a command, the full one would match the same: a command matches only when its words lead the arguments.
 * The bin parses again with every command when the cut one matches none or sees an option its command lacks, so
 * errors read as always.
 */
export function commandsNamedIn(argv: readonly string[]): ((entry: CommandEntry) => boolean) | undefined {
  // `help <command…>` is read as `<command> --help`, with every command in view.
  if (argv[2] === "help") return undefined;
  const words = new Set<string>();
  for (const token of argv.slice(2)) {
    if (token === "--") break;
    // cac prints help and the version as it parses: a line that asks for them is parsed once, with every command.
    if (token === "-h" || token === "--help" || token === "-v" || token === "--version") return undefined;
    if (!token.startsWith("-")) words.add(token);
  }
  if (words.size === 0) return undefined;
  return (entry) =>
    entryWords(entry)
      .split(" ")
      .every((word) => words.has(word));
}

/** `registerModelsCommands`, mounting only the commands `only` keeps (the bin's start). */
export function registerSomeCommands(
  cli: CAC,
  options: RegisterOptions,
  only: ((entry: CommandEntry) => boolean) | undefined,
): CAC {
  mountCommands(cli, COMMANDS.flat(), options, only);
  // `help` is read with every command in view (`commandsNamedIn`), and only a program with all of them lists it.
  if (only === undefined) mountHelp(cli, options);
  return cli;
}
