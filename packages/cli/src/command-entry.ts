// Commands declared as data: what cac-commands.ts mounts and what help and completion read. Types and two pure
// helpers that import no code: completion, loaded by `import()`, reads them here, since importing them from the cac
// layer would make esbuild wrap that layer in a lazily compiled function, which the bin's compile cache does not hold.
import type { Io } from "./io.js";

export interface OptionSpec {
  /** As cac reads it: `--name` for a flag, `--name <value>` for an option that takes a value. */
  readonly flags: string;
  /** One line for help. */
  readonly description: string;
  /** A value option that may be given more than once (the command gets every value); any other, once only. */
  readonly repeatable?: boolean;
}

export interface CommandSpec {
  /** The command's words, then its arguments: `<required>`, `[optional]`, `<...many>` (`models aliases add <alias> <model>`). */
  readonly name: string;
  /** One line for help. */
  readonly description: string;
  /** In the order its help lists them. */
  readonly options?: readonly OptionSpec[];
  /** Command lines its help shows under "Examples"; `$0` is the program's name. */
  readonly examples?: readonly string[];
  /**
   * Does the work: gets the arguments as cac read them (a string per argument, an array for `<...many>`), then the
   * options; resolves to the exit code, or throws (a `CliError` or a library error: one line, and its exit code).
   * Load the code that does the work with `import()`, so that no other command loads it.
   */
  readonly run: (io: Io, ...args: never[]) => Promise<number>;
}

/** A command word that groups others (`models aliases`): run bare it runs one of them, with that one's options. */
export interface GroupSpec {
  readonly group: string;
  /** One line for help. */
  readonly description: string;
  /** The sub-command the bare group runs (`list`); it takes no arguments. */
  readonly bare: string;
  /** An unknown word after the group is not echoed in the error: here it may be a pasted secret. */
  readonly hideUnknown?: boolean;
}

export type CommandEntry = CommandSpec | GroupSpec;

export const wordsOf = (name: string) => name.replace(/\s*[<[].*$/, "");

/** The words that name an entry: `models aliases add` for `models aliases add <alias> <model>`, a group's own. */
export const entryWords = (entry: CommandEntry): string =>
  "group" in entry ? entry.group : wordsOf(entry.name);
