// Registers the `models` command family on a cac instance: ours, or a host program's. Every command module is listed
// here once; adding a command is a file in commands/ and a line below (packages/cli/README.md, "Adding a command").
import type { CAC } from "cac";
import { mountCommands, type RegisterOptions } from "./cac-commands.js";
import { commands as aliases } from "./commands/aliases.command.js";
import { commands as auth } from "./commands/auth.command.js";
import { commands as authOrder } from "./commands/auth-order.command.js";
import { commands as fallbacks } from "./commands/fallbacks.command.js";
import { commands as plugins } from "./commands/plugins.command.js";
import { commands as set } from "./commands/set.command.js";
import { commands as status } from "./commands/status.command.js";

export type { RegisterOptions } from "./cac-commands.js";

/** In the order help lists them. */
const COMMANDS = [status, set, aliases, fallbacks, auth, authOrder, plugins];

/**
 * Registers `models …` (and `plugins list`) on `cli`. cac matches one word per command, so this also wraps
 * `cli.parse` to join multi-word command names (`models aliases add`) and adds the sub-command list to group help;
 * a usage mistake in one of these commands is one line on stderr and exit code 64, in any cac 6 or 7 program.
 */
export function registerModelsCommands(cli: CAC, options: RegisterOptions = {}): CAC {
  return mountCommands(cli, COMMANDS.flat(), options);
}
