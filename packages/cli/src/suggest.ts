// "Did you mean …?" for a mistyped command or option: the nearest known name by edit distance (leven), only when it
// is close. Loaded with `import()` on the error path only, so no start pays for it.
import leven from "leven";

/**
 * How many edits still count as a typo of a word this long: 1 up to 3 characters, 2 up to 6, then 3. A swap of two
 * letters is two edits (`stauts`, `lsit`), so a word of four letters or more allows it; `ls` is not taken for `list`.
 */
const typoDistance = (length: number) => Math.min(3, Math.max(1, Math.ceil(length / 3)));

/**
 * The candidate nearest to `given` (case ignored): the first of those at the smallest distance within the typo
 * distance, else the only candidate that starts with it (`ali` → `aliases`); undefined when none is close or
 * several start with it. Candidates are in the order help lists them, so ties go to the one listed first.
 */
export function nearestWord(given: string, candidates: readonly string[]): string | undefined {
  const word = given.toLowerCase();
  if (word === "") return undefined;
  let best: string | undefined;
  let bestDistance = typoDistance(word.length) + 1;
  for (const candidate of candidates) {
    const distance = leven(word, candidate.toLowerCase(), { maxDistance: bestDistance });
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  const starting = word.length >= 2 ? candidates.filter((each) => each.toLowerCase().startsWith(word)) : [];
  return starting.length === 1 ? starting[0] : undefined;
}

/**
 * The command nearest to the words typed (`["models", "aliase", "ad"]` → `models aliases add`), among `names`, each
 * a command's words (`models aliases add`, groups included): each word is matched, or corrected, against the words
 * that can follow the ones before it, until a command with nothing under it is reached (the rest are its
 * arguments). Undefined when a word is not close to any that can follow, or when nothing needed correcting.
 */
export function nearestCommand(words: readonly string[], names: readonly string[]): string | undefined {
  const paths = names.map((name) => name.split(" "));
  const path: string[] = [];
  let corrected = false;
  for (const word of words) {
    const next = [
      ...new Set(
        paths
          .filter((each) => each.length > path.length && path.every((part, i) => each[i] === part))
          .map((each) => each[path.length] as string),
      ),
    ];
    if (next.length === 0) break;
    if (next.includes(word)) {
      path.push(word);
      continue;
    }
    const nearest = nearestWord(word, next);
    if (nearest === undefined) return undefined;
    path.push(nearest);
    corrected = true;
  }
  const command = path.join(" ");
  return corrected && names.includes(command) ? command : undefined;
}

/**
 * The option nearest to an unknown one (`--jsn` → `--json`), among option flags as help shows them
 * (`--probe-timeout <ms>`, `-h, --help`); only long options are offered, compared without their dashes and a `no-`
 * (cac reports `--no-prbe` as `--prbe`, which is then taken for `--no-probe`).
 */
export function nearestOption(given: string, flags: readonly string[]): string | undefined {
  const names = flags.flatMap((each) =>
    each
      .split(",")
      .map((part) => part.trim().split(" ")[0] ?? "")
      .filter((name) => name.startsWith("--")),
  );
  const key = (name: string) => name.replace(/^-+(no-)?/, "");
  const nearest = nearestWord(key(given), names.map(key));
  return names.find((name) => nearest !== undefined && key(name) === nearest);
}

/** The line printed under an `Error: …` line when a near name was found. */
export const didYouMean = (name: string | undefined): string | undefined =>
  name === undefined ? undefined : `Did you mean \`${name}\`?`;
