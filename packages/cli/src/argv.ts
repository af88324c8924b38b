// cac matches one word as the command name; this joins `models aliases add` into the one name cac registered.
import type { CAC } from "cac";

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
