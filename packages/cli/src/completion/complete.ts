// What completes at the cursor, from the command declarations (the same data help and parsing read) and a source of
// live values: command words (multi-word: `models aliases add`), a command's options, and the value an option or
// argument takes. Pure apart from what the value source reads.
import { type CommandEntry, type CommandSpec, entryWords, type OptionSpec } from "../command-entry.js";

/** The kinds of value a user types most; the source reads them from the live state. */
export type ValueKind = "provider" | "profile" | "alias" | "model" | "agent" | "shell";

export interface Candidate {
  readonly value: string;
  readonly description?: string;
}

/** What the command line around the cursor says about where to look (`--config`, `--agent`, `--provider`). */
export interface ValueContext {
  /** The command's words (`models auth logout`), or "" at the top. */
  readonly command: string;
  /** Value options typed before the cursor, by long name without dashes (`config`, `agent`, `provider`). */
  readonly options: ReadonlyMap<string, string>;
}

export interface ValueSource {
  /** Candidates of a kind that start with `prefix` (the source may filter more cheaply than the caller). */
  values(kind: ValueKind, prefix: string, context: ValueContext): Promise<readonly Candidate[]>;
}

export interface Completion {
  readonly candidates: readonly Candidate[];
  /** Complete file names instead (the shell does it). */
  readonly files: boolean;
}

const NONE: Completion = { candidates: [], files: false };

/** Which value an option takes, by its long name; `file` for paths. Unlisted options complete nothing. */
const OPTION_VALUES: Readonly<Record<string, ValueKind | "file">> = {
  config: "file",
  agent: "agent",
  provider: "provider",
  "probe-provider": "provider",
  "probe-profile": "profile",
  "probe-model": "model",
};

/** Options whose name says `provider` but which mean something else in that command. */
const NOT_A_PROVIDER: ReadonlySet<string> = new Set(["models scan --provider"]); // the maker in an OpenRouter id

/** Which value an argument takes, by its name in the declaration (`<model>`, `<...profileIds>`). */
const ARGUMENT_VALUES: Readonly<Record<string, ValueKind>> = {
  model: "model",
  alias: "alias",
  profileId: "profile",
  profileIds: "profile",
  shell: "shell",
};

/** A command not meant to be typed (the completion callback itself). */
const hidden = (words: string) => words.split(" ").some((word) => word.startsWith("__"));

interface Argument {
  readonly name: string;
  readonly variadic: boolean;
}

function argumentsOf(spec: CommandSpec): Argument[] {
  return [...spec.name.slice(entryWords(spec).length).matchAll(/[<[](\.\.\.)?([^>\]]+)[>\]]/g)].map(
    (match) => ({ name: match[2] as string, variadic: match[1] !== undefined }),
  );
}

/** `--probe-timeout <ms>` → `probe-timeout`. */
const longName = (option: OptionSpec) => option.flags.split(/[\s,]+/)[0]?.replace(/^-+/, "") ?? "";
const takesValue = (option: OptionSpec) => /[<[]/.test(option.flags);

/**
 * Completes `words`: the words after the program name, the last one the word at the cursor ("" after a space).
 * Options are read as cac reads them (`--name value`, `--name=value`); `--` ends them.
 */
export async function complete(
  entries: readonly CommandEntry[],
  words: readonly string[],
  source: ValueSource,
): Promise<Completion> {
  const current = words.at(-1) ?? "";
  const before = words.slice(0, -1);
  const specs = new Map<string, CommandSpec>();
  for (const entry of entries) if ("name" in entry) specs.set(entryWords(entry), entry);
  const valueOptions = new Set<string>();
  for (const spec of specs.values())
    for (const option of spec.options ?? []) if (takesValue(option)) valueOptions.add(longName(option));

  const positionals: string[] = [];
  const given = new Map<string, string>();
  const flags = new Set<string>();
  let pending: string | undefined; // a value option just before the cursor, waiting for its value
  let endOfOptions = false;
  for (let i = 0; i < before.length; i++) {
    const token = before[i] as string;
    if (endOfOptions || !token.startsWith("-") || token === "-") {
      positionals.push(token);
    } else if (token === "--") {
      endOfOptions = true;
    } else {
      const eq = token.indexOf("=");
      const name = token.slice(token.startsWith("--") ? 2 : 1, eq === -1 ? undefined : eq);
      flags.add(name);
      if (eq !== -1) given.set(name, token.slice(eq + 1));
      else if (valueOptions.has(name)) {
        if (i + 1 < before.length) given.set(name, before[++i] as string);
        else pending = name;
      }
    }
  }

  // `help <command…>` (help-command.ts, mounted beside these commands) takes command words and nothing else.
  const asHelp = positionals[0] === "help";
  if (asHelp) positionals.shift();

  // The command is the longest run of leading words that names one; the rest are its arguments.
  const names = entries.map(entryWords).filter((words) => !hidden(words) || words === positionals[0]);
  let depth = 0;
  for (let k = 1; k <= positionals.length; k++)
    if (names.includes(positionals.slice(0, k).join(" "))) depth = k;
  const command = positionals.slice(0, depth).join(" ");
  const args = positionals.slice(depth);
  const entry = entries.find((each) => entryWords(each) === command);
  // A bare group takes the options of the command it runs (`models` runs `models status`).
  const spec = entry && ("group" in entry ? specs.get(`${entry.group} ${entry.bare}`) : entry);
  const options = spec?.options ?? [];
  const context: ValueContext = { command, options: given };

  const valuesFor = async (kind: ValueKind | "file" | undefined, prefix: string): Promise<Completion> => {
    if (kind === undefined) return NONE;
    if (kind === "file") return { candidates: [], files: true };
    const found = await source.values(kind, prefix, context);
    return { candidates: found.filter((candidate) => candidate.value.startsWith(prefix)), files: false };
  };
  const optionKind = (name: string) =>
    NOT_A_PROVIDER.has(`${command} --${name}`) ? undefined : OPTION_VALUES[name];

  if (pending !== undefined && !endOfOptions) {
    const known = options.some((option) => longName(option) === pending);
    return valuesFor(known ? optionKind(pending) : undefined, current);
  }

  if (asHelp && current.startsWith("-")) return NONE;
  if (current.startsWith("-") && !endOfOptions) {
    const eq = current.indexOf("=");
    if (current.startsWith("--") && eq !== -1) {
      const name = current.slice(2, eq);
      if (!options.some((option) => longName(option) === name && takesValue(option))) return NONE;
      const found = await valuesFor(optionKind(name), current.slice(eq + 1));
      return {
        ...found,
        candidates: found.candidates.map((candidate) => ({
          ...candidate,
          value: `--${name}=${candidate.value}`,
        })),
      };
    }
    const offered: Candidate[] = options
      .filter((option) => option.repeatable || !flags.has(longName(option)))
      .map((option) => ({ value: `--${longName(option)}`, description: option.description }));
    offered.push({ value: "--help", description: "Show help" });
    if (positionals.length === 0) offered.push({ value: "--version", description: "Show the version" });
    return { candidates: offered.filter((candidate) => candidate.value.startsWith(current)), files: false };
  }

  const candidates: Candidate[] = [];
  if (args.length === 0 && !endOfOptions) {
    // The next command word of every command under the one typed so far.
    const seen = new Set<string>();
    for (const each of entries) {
      const words = entryWords(each);
      if (hidden(words)) continue;
      const parts = words.split(" ");
      if (parts.length !== depth + 1 || (depth > 0 && !words.startsWith(`${command} `))) continue;
      const next = parts[depth] as string;
      if (!next.startsWith(current) || seen.has(next)) continue;
      seen.add(next);
      candidates.push({ value: next, description: each.description });
    }
    if (depth === 0 && !asHelp && "help".startsWith(current))
      candidates.push({ value: "help", description: "Show the help of a command, as --help does" });
  }
  if (spec && entry && "name" in entry && !asHelp) {
    const declared = argumentsOf(spec);
    const last = declared.at(-1);
    const argument = declared[args.length] ?? (last?.variadic ? last : undefined);
    if (argument) candidates.push(...(await valuesFor(ARGUMENT_VALUES[argument.name], current)).candidates);
  }
  return { candidates, files: false };
}
