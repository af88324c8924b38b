// Alias index over the configured models: case-insensitive lookup, one alias per model.

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
  return index.get(name.trim().toLowerCase());
}

const ALIAS = /^[^\s\p{Cc}/@]+$/u;

/** An alias is one word without `/` (input with `/` is never looked up as an alias) or `@` (the profile pin). */
export function validateAliasName(raw: string): string {
  const alias = raw.trim();
  if (!ALIAS.test(alias)) {
    throw new ModelRefError(
      "ALIAS_INVALID",
      `Invalid alias ${quote(raw)}: an alias is one word without blanks, '/' or '@', for example opus.`,
      { input: raw },
    );
  }
  return alias;
}
