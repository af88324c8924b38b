// Fallback chain operations on plain lists: canonical refs, no duplicates, never the primary itself.
import { ModelRefError, quote } from "./errors.js";

export interface FallbackListContext {
  /** Canonical key of the primary model, if one is set. */
  readonly primary?: string;
  /** Canonical key of a stored entry (stored entries may be hand-written aliases or odd spellings). */
  readonly keyOf?: (entry: string) => string;
}

const identity = (entry: string) => entry;

/** Appends `key` unless the list already holds it (compared by canonical key). Adding the primary is an error. */
export function addToFallbacks(
  list: readonly string[],
  key: string,
  context: FallbackListContext = {},
): string[] {
  if (context.primary !== undefined && key === context.primary) {
    throw new ModelRefError(
      "FALLBACK_IS_PRIMARY",
      `${key} is the primary model; a fallback must be a different model. Set another primary with \`models set\` first.`,
      { input: key },
    );
  }
  const keyOf = context.keyOf ?? identity;
  return list.some((entry) => keyOf(entry) === key) ? [...list] : [...list, key];
}

/** Removes every entry whose canonical key is `key`; `raw` (what the user typed) names it in the error. */
export function removeFromFallbacks(
  list: readonly string[],
  key: string,
  context: FallbackListContext & { raw?: string } = {},
): string[] {
  const keyOf = context.keyOf ?? identity;
  const kept = list.filter((entry) => keyOf(entry) !== key);
  if (kept.length === list.length) {
    const shown = context.raw ?? key;
    throw new ModelRefError(
      "FALLBACK_NOT_FOUND",
      `Fallback not found: ${shown}. The list holds ${list.length === 0 ? "nothing" : list.map((entry) => quote(entry)).join(", ")}.`,
      { input: shown },
    );
  }
  return kept;
}
