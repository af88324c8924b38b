// Where cac's reading of argv falls short: it matches one word as the command name (this joins `models aliases add`
// into the one name cac registered), and it turns option values that look like numbers into numbers.
import type { CAC, Command } from "cac";

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
export function joinSubcommandWords(cli: CAC, argv: readonly string[]): string[] {
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
export function optionTexts(argv: readonly string[]): { key: string; value: string | true }[] {
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

/** A usage error found while parsing, reported the way cac reports its own (`CACError`: exit 64 in the bin). */
class OptionError extends Error {
  override readonly name = "CACError";
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
export function restoreOptionTexts(
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
      throw new OptionError(`Option ${flagOf(option.name)} was given ${given.length} times; give it once`);
    const missing = given.some((value) => value === true || value.trim() === "");
    const value = missing ? true : given.length === 1 ? given[0] : given;
    for (const name of option.names) cli.options[name] = value;
  }
}
