// Alias index over the configured models: case-insensitive lookup, one alias per model.

import { unsafeCharacter } from "./characters.js";
import type { ModelEntry } from "./config.js";
import { ModelRefError, quote } from "./errors.js";

export interface AliasEntry {
  /** As stored (case kept). */
  readonly alias: string;
  /** The configured model key it points at. */
  readonly key: string;
}

/** Lower-cased alias → entry. */
export type AliasIndex = ReadonlyMap<string, AliasEntry>;

export function buildAliasIndex(models: Readonly<Record<string, ModelEntry>>): AliasIndex {
  const index = new Map<string, AliasEntry>();
  for (const [key, entry] of Object.entries(models)) {
    const alias = entry.alias?.trim();
    // Later entries win on a duplicate, as in the reference; edits through modelctl never create one.
    if (alias) index.set(alias.toLowerCase(), { alias, key });
  }
  return index;
}

export function lookupAlias(index: AliasIndex, name: string): AliasEntry | undefined {
  return typeof name === "string" ? index.get(name.trim().toLowerCase()) : undefined;
}

const ALIAS = /^[^\s/@]+$/u;
const RULE = "an alias is one word without blanks, '/' or '@', for example opus";

/**
 * An alias is one word without `/` (input with `/` is never looked up as an alias) or `@` (the profile pin), and
 * without control, invisible or direction-changing characters.
 */
export function validateAliasName(raw: unknown): string {
  if (typeof raw !== "string")
    throw new ModelRefError("ALIAS_INVALID", `Invalid alias: expected a string; ${RULE}.`);
  const alias = raw.trim();
  const unsafe = unsafeCharacter(alias);
  if (unsafe || !ALIAS.test(alias)) {
    const why = unsafe ? `it contains ${unsafe.description}; ` : "";
    throw new ModelRefError("ALIAS_INVALID", `Invalid alias ${quote(raw)}: ${why}${RULE}.`, { input: raw });
  }
  return alias;
}
