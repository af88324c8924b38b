// Resolution of user input to a model ref that says how it was reached: alias, explicit provider, default provider.
import { type AliasIndex, lookupAlias } from "./aliases.js";
import { type ModelRef, modelKey, parseModelRef, parseRefBody, prepareRefInput } from "./parse.js";
import { DEFAULT_PROVIDER } from "./providers.js";

/**
 * How a ref was reached: an alias, written out, read with the default provider, or (only for a primary in the
 * config, `resolveConfiguredPrimary`) the provider of the one configured model with that id.
 */
export type ResolvedVia = "alias" | "explicit" | "default-provider" | "configured-provider";

export interface ResolvedModelRef {
  readonly ref: ModelRef;
  /** Canonical `provider/model`. */
  readonly key: string;
  readonly via: ResolvedVia;
  /** The input, trimmed. */
  readonly input: string;
  /** The alias as stored, when `via` is `alias`. */
  readonly alias?: string;
}

export interface ResolveContext {
  readonly aliases?: AliasIndex;
  /** Provider for a bare model id that is not an alias; `openai` unless given. */
  readonly defaultProvider?: string;
}

/**
 * Input without `/` is an alias (case-insensitive) if one matches, else a model of the default provider.
 * Input with `/` is taken as `provider/model` and never looked up as an alias.
 */
export function resolveModelRef(raw: string, context: ResolveContext = {}): ResolvedModelRef {
  const { input, body, profileId } = prepareRefInput(raw);
  const pin = profileId === undefined ? {} : { profileId };
  if (!body.includes("/") && context.aliases) {
    const hit = lookupAlias(context.aliases, body);
    if (hit) {
      const target = parseModelRef(hit.key);
      const ref = { provider: target.provider, model: target.model, ...pin };
      return { ref, key: modelKey(ref), via: "alias", input, alias: hit.alias };
    }
  }
  const defaultProvider = context.defaultProvider ?? DEFAULT_PROVIDER;
  const parsed = parseRefBody(body, raw, { defaultProvider });
  const via =
    body.includes("/") || body.toLowerCase() === "openrouter:auto" ? "explicit" : "default-provider";
  const ref = { ...parsed, ...pin };
  return { ref, key: modelKey(ref), via, input };
}

/** The canonical key of a stored ref, or the string unchanged when it does not resolve (hand-edited junk). */
export function canonicalKey(raw: string, context: ResolveContext = {}): string {
  try {
    return resolveModelRef(raw, context).key;
  } catch {
    return raw;
  }
}
