// The cac layer of the modelctl commands: commands declared as data (`CommandSpec`, `GroupSpec`) and mounted on any
// cac 6 or 7 program, with what cac lacks: multi-word command names (cac matches one word), group help, bare groups,
// option values as typed (cac turns `0x10` into 16), and usage errors as one line with exit 64, for the host's
// program as for the modelctl bin.
import type { CAC, Command } from "cac";
import {
  type CommandEntry,
  type CommandSpec,
  entryWords,
  type GroupSpec,
  type OptionSpec,
  wordsOf,
} from "./command-entry.js";
import { CliError, describeError, EXIT, exitCodeOf, usageError } from "./errors.js";
import { type Io, println, processIo } from "./io.js";

export { type CommandEntry, type CommandSpec, entryWords, type GroupSpec, type OptionSpec };

export interface RegisterOptions {
  /** Streams, env and home folder; the process's by default. */
  readonly io?: Partial<Io>;
  /** Called with the exit code a command wants; sets `process.exitCode` by default. */
  readonly setExitCode?: (code: number) => void;
}

/** What a mounted command reports its usage errors with. */
interface Mounted {
  readonly io: Io;
  readonly program: () => string;
  readonly setExitCode: (code: number) => void;
  /** cac keys of the value options that may be given more than once. */
  readonly repeatable: ReadonlySet<string>;
}

/** The commands mounted on each cac program, and the argv its last parse read. */
const mounts = new WeakMap<CAC, { commands: Map<Command, Mounted>; argv: readonly string[] }>();

/**
 * Adds `entries` to `cli`, in order. On the first call for a program this also wraps its `parse` (to join multi-word
 * command names and add group help) and its `runMatchedCommand` (to check a mounted command's usage and report a
 * mistake as one line with exit 64); the host's own commands are parsed and run as cac does.
 */
export function mountCommands(
  cli: CAC,
  entries: readonly CommandEntry[],
  options: RegisterOptions = {},
  mounted: (entry: CommandEntry) => boolean = () => true,
): CAC {
  const mount = mounts.get(cli) ?? install(cli);
  const io: Io = processIo(cli.name || "modelctl", options.io);
  const setExitCode =
    options.setExitCode ??
    ((code: number) => {
      process.exitCode = code;
    });
  const program = () => io.programName || cli.name || "modelctl";
  const run = async (work: () => Promise<number>) => {
    try {
      setExitCode(await work());
    } catch (error) {
      println(io.stderr, describeError(error));
      if (error instanceof CliError && error.hint) println(io.stderr, error.hint);
      setExitCode(exitCodeOf(error));
    }
  };
  const specs = new Map<string, CommandSpec>();
  for (const entry of entries) if ("name" in entry) specs.set(wordsOf(entry.name), entry);

  for (const entry of entries) {
    if (!mounted(entry)) continue;
    let command: Command;
    // A bare group takes the options of the command it runs.
    let withOptionsOf: CommandSpec;
    if ("group" in entry) {
      const target = specs.get(`${entry.group} ${entry.bare}`);
      if (target === undefined)
        throw new Error(`${entry.group} runs ${entry.bare} bare, but no such command is given`);
      withOptionsOf = target;
      command = cli.command(`${entry.group} [...rest]`, entry.description);
      command.action((rest: string[], values: object) =>
        run(async () => {
          if (rest.length > 0) throw await unknownSubcommand(entries, entry, rest, program());
          return target.run(io, values as never);
        }),
      );
    } else {
      withOptionsOf = entry;
      command = cli.command(entry.name, entry.description);
      for (const example of entry.examples ?? [])
        command.example((name) => `  $ ${example.replaceAll("$0", () => name)}`);
      command.action((...args: unknown[]) => run(() => entry.run(io, ...(args as never[]))));
    }
    const repeatable = new Set<string>();
    for (const option of withOptionsOf.options ?? []) {
      command.option(option.flags, option.description);
      // cac gives a `--no-x` flag the default `true` and prints "(default: true)" after it, which reads as if the
      // negation were on; a command reads the missing value as "not negated".
      if (option.flags.startsWith("--no-")) {
        const added = command.options.at(-1);
        if (added) added.config.default = undefined;
      }
      if (option.repeatable) for (const name of command.options.at(-1)?.names ?? []) repeatable.add(name);
    }
    mount.commands.set(command, { io, program, setExitCode, repeatable });
  }
  return cli;
}

/** `models aliases add <alias> <model>` → `models aliases add`. */

/**
 * From the entries rather than the program: a program that mounted only some of them still names them all, and
 * suggests the nearest of them all.
 */
async function unknownSubcommand(
  entries: readonly CommandEntry[],
  group: GroupSpec,
  rest: readonly string[],
  program: string,
) {
  const depth = group.group.split(" ").length + 1;
  const names = entries
    .map(entryWords)
    .filter((words) => words.startsWith(`${group.group} `) && words.split(" ").length === depth)
    .map((words) => words.slice(group.group.length + 1));
  const given = group.hideUnknown ? "…" : rest.join(" ");
  return usageError(
    `Unknown command "${group.group} ${given}". ${group.group} has: ${names.join(", ")}. Run \`${program} ${group.group} --help\`.`,
    await commandHint([...group.group.split(" "), ...rest], entries.map(entryWords)),
  );
}

function install(cli: CAC) {
  const mount = { commands: new Map<Command, Mounted>(), argv: [] as readonly string[] };
  mounts.set(cli, mount);
  const parse = cli.parse.bind(cli);
  const runMatchedCommand = cli.runMatchedCommand.bind(cli);
  cli.parse = ((argv?: string[], parseOptions?: { run?: boolean }) => {
    addGroupHelp(cli);
    mount.argv = joinSubcommandWords(cli, argv ?? process.argv);
    // Parsed without running, so that a mounted command's usage is checked (and its option values put back as
    // typed) before its action sees them.
    const parsed = parse([...mount.argv], { ...parseOptions, run: false });
    if (parseOptions?.run !== false) void cli.runMatchedCommand();
    return parsed;
  }) as CAC["parse"];
  cli.runMatchedCommand = () => {
    const command = cli.matchedCommand;
    const mounted = command && mount.commands.get(command);
    if (!command || !mounted) return runMatchedCommand();
    try {
      checkUsage(cli, command, mount.argv, mounted.repeatable);
    } catch (error) {
      // Everything checkUsage throws is a usage error (cac 6 names its error class after itself, which a minifier
      // renames, so it is not told apart by name).
      const message = error instanceof Error ? error.message : String(error);
      const line = usageMessage(message, command.name, mounted.program());
      println(mounted.io.stderr, `Error: ${line}`);
      mounted.setExitCode(EXIT.usage);
      return optionHint(line, [...cli.globalCommand.options, ...command.options]).then((hint) => {
        if (hint) println(mounted.io.stderr, hint);
      });
    }
    return runMatchedCommand();
  };
  return mount;
}

/**
 * What cac checks before it runs a command (unknown options, missing values, missing arguments), and what cac 7
 * checks and cac 6 does not (extra arguments), after the option values are put back as typed.
 */
function checkUsage(
  cli: CAC,
  command: Command,
  argv: readonly string[],
  repeatable: ReadonlySet<string>,
): void {
  restoreOptionTexts(cli, argv, command, repeatable);
  command.checkUnknownOptions();
  command.checkOptionValue();
  command.checkRequiredArgs();
  if (!command.args.some((arg) => arg.variadic) && cli.args.length > command.args.length)
    throw new Error(
      `Unused args: ${cli.args
        .slice(command.args.length)
        .map((arg) => `\`${arg}\``)
        .join(", ")}`,
    );
}

// Flags people reach for to pass a secret; argv ends up in shell history and `ps`, so none exists.
const SECRET_FLAGS =
  /^--?(token|key|api-?key|secret|password|access(-token)?|refresh(-token)?|setup-token)$/i;

/** The suggestion code, loaded only when a command line is wrong; a hint that cannot be had is left out. */
const suggest = () => import("./suggest.js");

/** `Did you mean \`models status\`?` for the command words typed, among command names (`models aliases add`). */
export async function commandHint(
  words: readonly string[],
  names: readonly string[],
): Promise<string | undefined> {
  return suggest().then(
    (s) => s.didYouMean(s.nearestCommand(words, names)),
    () => undefined,
  );
}

/** `Did you mean \`--json\`?` under a `usageMessage` line about an unknown option, among `options`. */
export async function optionHint(
  line: string,
  options: readonly { readonly rawName: string }[],
): Promise<string | undefined> {
  const unknown = /^Unknown option (\S+) for /.exec(line)?.[1];
  if (unknown === undefined) return undefined;
  return suggest().then(
    (s) =>
      s.didYouMean(
        s.nearestOption(
          unknown,
          options.map((option) => option.rawName),
        ),
      ),
    () => undefined,
  );
}

/** cac's terse usage error (`message`) as one line that names the command and the fix. */
export function usageMessage(message: string, command: string | undefined, program: string): string {
  const where = command ? `${program} ${command}` : program;
  const help = `Run \`${where} --help\` for usage.`;
  // cac names an unknown option by its camel-cased key (`--versionX`); show it as typed (`--version-x`).
  const unknown = /^Unknown option `(.+)`$/.exec(
    message.replace(/(?<=^Unknown option `--[^`]*)[A-Z]/g, (c) => `-${c.toLowerCase()}`),
  );
  if (unknown && SECRET_FLAGS.test(unknown[1] ?? "")) {
    const sub = command?.startsWith("models auth ") ? command : "models auth paste-token";
    return `Secrets are not taken from arguments (${unknown[1]}): they would stay in shell history and be visible to other processes. Pipe it on stdin instead: printf %s "$SECRET" | ${program} ${sub} --provider <id>`;
  }
  if (unknown) return `Unknown option ${unknown[1]} for \`${where}\`. ${help}`;
  const missing = /^missing required args for command `(.+)`$/.exec(message);
  if (missing) return `Missing argument: usage is \`${program} ${missing[1]}\`. ${help}`;
  const value = /^option `(.+)` value is missing$/.exec(message);
  if (value) return `Option ${value[1]} needs a value. ${help}`;
  const unused = /^Unused args: (.+)$/.exec(message);
  // Not echoed for auth commands: a stray argument there is likely a pasted secret.
  if (unused && command?.startsWith("models auth"))
    return `Unexpected argument for \`${where}\` (not shown). ${help}`;
  if (unused) return `Unexpected argument ${unused[1]} for \`${where}\`. ${help}`;
  return `${message}. ${help}`;
}

/** Sub-commands of a group, for its help and its "unknown command" error. */
function childrenOf(cli: CAC, group: string): Command[] {
  const depth = group.split(" ").length + 1;
  return cli.commands.filter(
    (command) => command.name.startsWith(`${group} `) && command.name.split(" ").length === depth,
  );
}

/** A command whose name starts with `__` is for programs (the completion callback), not listed in help. */
const listed = (command: Command) => !command.name.startsWith("__");

const shown = (command: Command) => command.rawName.replace(" [...rest]", " <command>");

/** Formats command rows the way cac does, with group commands shown as `<group> <command>`. */
function commandRows(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => shown(command).length));
  return commands.map((command) => `  ${shown(command).padEnd(width)}  ${command.description}`).join("\n");
}

/**
 * Help for groups lists their sub-commands; the top-level help lists every command once, groups shown as
 * `<group> <command>`, and one line on how to get more.
 */
function addGroupHelp(cli: CAC): void {
  const host = cli.globalCommand.helpCallback;
  if ((host as { modelctl?: boolean } | undefined)?.modelctl) return;
  const callback = Object.assign(
    (sections: { title?: string; body: string }[]) => {
      const base = host?.(sections) ?? sections;
      const matched = cli.matchedCommand;
      if (!matched) {
        return base
          .filter((section) => !section.title?.startsWith("For more info"))
          .map((section) =>
            section.title === "Commands"
              ? {
                  title: "Commands",
                  body: `${commandRows(cli.commands.filter(listed))}\n\nRun any command with --help for its options.`,
                }
              : section,
          );
      }
      const usage = base.findIndex((section) => section.title === "Usage");
      const withUsage = base.map((section, index) =>
        index === usage
          ? { ...section, body: section.body.replace(" [...rest]", " <command> [options]") }
          : section,
      );
      const children = childrenOf(cli, matched.name);
      if (children.length === 0) return withUsage;
      return [
        ...withUsage.slice(0, usage + 1),
        { title: "Commands", body: commandRows(children) },
        ...withUsage.slice(usage + 1),
      ];
    },
    { modelctl: true },
  );
  cli.globalCommand.helpCallback = callback;
}

/** Options that take a value, so that their value is not mistaken for a command word. */
function valueOptionNames(cli: CAC): Set<string> {
  const names = new Set<string>();
  for (const command of [cli.globalCommand, ...cli.commands]) {
    for (const option of command.options) {
      if (!option.isBoolean) for (const name of option.names) names.add(name);
    }
  }
  return names;
}

function optionName(token: string): string {
  const bare = token.replace(/^-+/, "");
  const eq = bare.indexOf("=");
  const name = eq === -1 ? bare : bare.slice(0, eq);
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Rewrites `[node, bin, 'models', 'aliases', 'add', 'x', 'y']` to `[node, bin, 'models aliases add', 'x', 'y']`
 * when `models aliases add` is a registered command: the longest registered name made of the leading words wins.
 */
function joinSubcommandWords(cli: CAC, argv: readonly string[]): string[] {
  const names = new Set(cli.commands.map((command) => command.name).filter((name) => name.includes(" ")));
  if (names.size === 0) return [...argv];
  for (const command of cli.commands)
    for (const alias of command.aliasNames) if (alias.includes(" ")) names.add(alias);
  const prefixes = new Set<string>();
  for (const name of names) {
    const words = name.split(" ");
    for (let i = 1; i <= words.length; i++) prefixes.add(words.slice(0, i).join(" "));
  }
  const takesValue = valueOptionNames(cli);
  const head = argv.slice(0, 2);
  const rest = argv.slice(2);

  // The command words start at the first token that is neither an option nor an option's value.
  let start = 0;
  while (start < rest.length) {
    const token = rest[start] as string;
    if (token === "--") return [...argv];
    if (!token.startsWith("-")) break;
    start += !token.includes("=") && takesValue.has(optionName(token)) ? 2 : 1;
  }

  let matched = 0;
  const words: string[] = [];
  for (let i = start; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word.startsWith("-")) break;
    words.push(word);
    const candidate = words.join(" ");
    if (!prefixes.has(candidate)) break;
    if (names.has(candidate)) matched = words.length;
  }
  if (matched < 2) return [...argv];
  return [
    ...head,
    ...rest.slice(0, start),
    rest.slice(start, start + matched).join(" "),
    ...rest.slice(start + matched),
  ];
}

// cac's own spelling of an option key: `probe-timeout` → `probeTimeout` (the first dot-separated part only).
const camelcase = (name: string) => {
  const [head = "", ...rest] = name.split(".");
  return [head.replace(/([a-z])-([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase()), ...rest].join(
    ".",
  );
};

/**
 * Each option in `argv` with the value given to it, as typed and in order, found the way mri (cac's parser) reads
 * them: `--name=value`, else the next token unless it starts with `-` (then no value: `true`). In a group of short
 * flags (`-abc`) only the last takes a value. Stops at `--`.
 */
function optionTexts(argv: readonly string[]): { key: string; value: string | true }[] {
  const found: { key: string; value: string | true }[] = [];
  const tokens = argv.slice(2);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === "--") break;
    let dashes = 0;
    while (token.charCodeAt(dashes) === 45) dashes++;
    if (dashes === 0 || token.startsWith("no-", dashes)) continue;
    const eq = token.indexOf("=", dashes + 1);
    const name = token.slice(dashes, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? "" : token.slice(eq + 1);
    let value: string | true;
    if (inline !== "") value = inline;
    else if (i + 1 === tokens.length || (tokens[i + 1] as string).startsWith("-")) value = true;
    else value = tokens[++i] as string;
    const names = dashes === 2 ? [name] : [...name];
    names.forEach((each, index) => {
      found.push({ key: camelcase(each), value: index === names.length - 1 ? value : true });
    });
  }
  return found;
}

/** cac's key (`probeModel`) back in the form typed (`--probe-model`). */
const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * cac (through mri) turns every option value that looks like a number into one, so `--probe-timeout 0x10` arrives as
 * 16, `--profile-id 1e3` as 1000 and `--agent ''` as 0. This puts the text back as typed for the value options of
 * `command`, so that each is judged on what the user wrote. An empty value is no value, which cac then reports. A
 * value option given twice is refused unless it is `repeatable` (by cac key): cac would hand the command an array
 * where it expects one value.
 */
function restoreOptionTexts(
  cli: CAC,
  argv: readonly string[],
  command: Command,
  repeatable: ReadonlySet<string> = new Set(),
): void {
  const texts = optionTexts(argv);
  for (const option of command.options) {
    if (option.isBoolean) continue;
    const given = texts.filter(({ key }) => option.names.includes(key)).map(({ value }) => value);
    if (given.length === 0) continue;
    if (given.length > 1 && !option.names.some((name) => repeatable.has(name)))
      throw new Error(`Option ${flagOf(option.name)} was given ${given.length} times; give it once`);
    const missing = given.some((value) => value === true || value.trim() === "");
    const value = missing ? true : given.length === 1 ? given[0] : given;
    for (const name of option.names) cli.options[name] = value;
  }
}
