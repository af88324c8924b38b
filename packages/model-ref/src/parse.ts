// Model ref grammar: `provider/model[@profileId]`, split on the first `/`; formatting back to the canonical string.
import { codePointOf, unsafeCharacter } from "./characters.js";
import { ModelRefError, quote } from "./errors.js";
import { normalizeProviderId } from "./providers.js";

export interface ModelRef {
  /** Canonical provider id (lower-case, known spellings mapped). */
  readonly provider: string;
  /** Everything after the first `/`, case kept: `moonshotai/kimi-k2`, `llama-3.3-70b-instruct:free`. */
  readonly model: string;
  /** Auth profile pinned with a trailing `@<profileId>`. */
  readonly profileId?: string;
}

export interface ParseOptions {
  /** Provider for input without a `/`; without it such input is an error. */
  readonly defaultProvider?: string;
}

const EXAMPLE = "anthropic/claude-opus-4-6";
const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;
// Blanks never belong in a ref; they are typos or pasted garbage (controls and invisible characters: unsafeCharacter).
const BLANK = /\s/u;
// `@` suffixes that are part of a model id rather than a profile pin: dates and quantisations.
const VERSION_SUFFIX = /^(?:\d{8}|\d{4}-\d{2}-\d{2}|i?q\d\w*|fp?\d+|bf16|int\d+|\d+-?bits?|mlx\w*|latest)$/i;

function invalid(
  input: string,
  why: string,
  code: "MODEL_REF_INVALID" | "MODEL_REF_MISSING_PROVIDER" = "MODEL_REF_INVALID",
): ModelRefError {
  return new ModelRefError(
    code,
    `Invalid model reference ${quote(input)}: ${why}. Use provider/model, for example ${EXAMPLE}.`,
    {
      input,
    },
  );
}

function notAString(): ModelRefError {
  return new ModelRefError(
    "MODEL_REF_INVALID",
    `Invalid model reference: expected a string like ${EXAMPLE}.`,
  );
}

/**
 * Splits a trailing `@<profileId>` off the last path segment. `@20250514` or `@q4_k_m` stay in the model id,
 * and a leading `@` of a segment (`@cf/...`) is part of the id too.
 */
export function splitProfileSuffix(raw: string): { body: string; profileId?: string } {
  if (typeof raw !== "string") throw notAString();
  const lastSlash = raw.lastIndexOf("/");
  let from = lastSlash + 1;
  for (;;) {
    const at = raw.indexOf("@", from);
    if (at === -1) return { body: raw };
    if (at === lastSlash + 1) {
      from = at + 1;
      continue;
    }
    const next = raw.indexOf("@", at + 1);
    const segment = raw.slice(at + 1, next === -1 ? undefined : next);
    if (VERSION_SUFFIX.test(segment)) {
      from = at + 1;
      continue;
    }
    return { body: raw.slice(0, at), profileId: raw.slice(at + 1) };
  }
}

/** Validates the characters of raw input and splits off a profile pin; shared by parse and resolve. */
export function prepareRefInput(raw: unknown): { input: string; body: string; profileId?: string } {
  if (typeof raw !== "string") throw notAString();
  const input = raw.trim();
  if (input === "") throw invalid(raw, "it is empty");
  const unsafe = unsafeCharacter(input);
  if (unsafe) throw invalid(raw, `it contains ${unsafe.description}`);
  const blank = BLANK.exec(input);
  if (blank) throw invalid(raw, `it contains a blank (${codePointOf(blank[0])})`);
  const { body, profileId } = splitProfileSuffix(input);
  if (profileId !== undefined && profileId === "")
    throw invalid(raw, "nothing follows the profile marker '@'");
  if (body === "") throw invalid(raw, "the model part before '@' is empty");
  return profileId === undefined ? { input, body } : { input, body, profileId };
}

/** Parses a ref body without a profile suffix. `openrouter:auto` is the reference's spelling of `openrouter/auto`. */
export function parseRefBody(
  body: string,
  raw: string,
  options: ParseOptions = {},
): { provider: string; model: string } {
  if (body.toLowerCase() === "openrouter:auto") return { provider: "openrouter", model: "auto" };
  const slash = body.indexOf("/");
  if (slash === -1) {
    if (options.defaultProvider === undefined) {
      throw invalid(raw, "it has no provider", "MODEL_REF_MISSING_PROVIDER");
    }
    return { provider: normalizeProviderId(options.defaultProvider), model: body };
  }
  const providerPart = body.slice(0, slash);
  const model = body.slice(slash + 1);
  if (providerPart === "") throw invalid(raw, "the provider before '/' is empty");
  if (model === "") throw invalid(raw, "the model after '/' is empty");
  const provider = normalizeProviderId(providerPart);
  if (!PROVIDER_ID.test(provider)) {
    throw invalid(raw, `provider ${quote(providerPart)} may only use letters, digits, '.', '_' and '-'`);
  }
  return { provider, model };
}

/**
 * Parses `provider/model[@profileId]`. Splits on the first `/` only, so `openrouter/moonshotai/kimi-k2` is
 * provider `openrouter`, model `moonshotai/kimi-k2`. Throws only `ModelRefError`.
 */
export function parseModelRef(raw: string, options: ParseOptions = {}): ModelRef {
  const { body, profileId } = prepareRefInput(raw);
  const { provider, model } = parseRefBody(body, raw, options);
  return profileId === undefined ? { provider, model } : { provider, model, profileId };
}

/** `provider/model`, the key a model has in the config (no profile pin). */
export function modelKey(ref: Pick<ModelRef, "provider" | "model">): string {
  return `${normalizeProviderId(ref.provider)}/${ref.model}`;
}

/** The canonical string of a ref; `parseModelRef(formatModelRef(r))` gives `r` back. */
export function formatModelRef(ref: ModelRef): string {
  const key = modelKey(ref);
  const text = ref.profileId === undefined ? key : `${key}@${ref.profileId}`;
  // Refuse refs that would not read back as themselves, rather than emit a string that means something else.
  const back = parseModelRef(text);
  if (
    back.provider !== normalizeProviderId(ref.provider) ||
    back.model !== ref.model ||
    back.profileId !== ref.profileId
  ) {
    throw new ModelRefError(
      "MODEL_REF_INVALID",
      `Invalid model reference: ${quote(text)} does not read back as provider ${quote(ref.provider)}, model ${quote(ref.model)}${ref.profileId === undefined ? "" : `, profile ${quote(ref.profileId)}`}.`,
      { input: text },
    );
  }
  return text;
}
