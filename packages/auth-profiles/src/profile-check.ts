// The rule for a profile an edit writes: well-formed for its type, judged on what the edit changed, so that a store
// modelctl can read stays writable whatever else its profiles hold.
import { exposeProtoKeys } from "@modelctl/model-ref";
import { AuthStoreError } from "./errors.js";
import { isRecord, own, sameJson } from "./record.js";
import { apiKeyProfileSchema, oauthProfileSchema, tokenProfileSchema } from "./schema.js";
import { describeValue } from "./state.js";

/** Each type's schema getter: built when an edit first writes a profile of that type. */
const SCHEMAS = {
  api_key: apiKeyProfileSchema,
  token: tokenProfileSchema,
  oauth: oauthProfileSchema,
} as const;

const TYPES = '"api_key", "token" or "oauth"';

/** What each field must be, in words a user can act on; a field not listed is described by its schema's type. */
const EXPECTED: Readonly<Record<string, string>> = {
  type: TYPES,
  provider: 'a string: the provider id, such as "openai"',
  key: "a string: the API key (or a keyRef)",
  token: "a string: the token (or a tokenRef)",
  keyRef: 'a SecretRef object, such as { "source": "env", "id": "OPENAI_API_KEY" }',
  tokenRef: 'a SecretRef object, such as { "source": "env", "id": "ANTHROPIC_TOKEN" }',
  email: "a string: the account's e-mail",
  metadata: "an object",
};

/** What a value is, by its JSON type only: a profile's values may be secrets, so none is ever shown (not even a number). */
function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return describeValue(value);
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The value at `path` inside `value`, own keys only. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const segment of path) {
    if (Array.isArray(at) && typeof segment === "number") at = at[segment];
    else if (isRecord(at) && typeof segment === "string") at = own(at, segment);
    else return undefined;
  }
  return at;
}

/** The profile as it would be written: what JSON keeps of it, or undefined when JSON cannot write it at all. */
function asWritten(profile: unknown): { readonly value: unknown } | undefined {
  try {
    const text = JSON.stringify(profile);
    return { value: text === undefined ? undefined : exposeProtoKeys(JSON.parse(text)) };
  } catch {
    // A bigint or a cycle: JSON.stringify refuses it, and so would the write.
    return undefined;
  }
}

interface Problem {
  readonly field: string;
  readonly text: string;
}

/**
 * The first thing wrong with `after` (the profile as an edit leaves it), given `before` (as stored; undefined for a
 * new profile). A field the edit left as it was is not judged: a malformed value already in the file is the file's,
 * and refusing it would make a readable store unwritable. The type is `type`, or the older `mode`.
 */
function problemOf(before: unknown, after: unknown): Problem | undefined {
  const written = asWritten(after);
  if (written === undefined) return { field: "", text: "cannot be written as JSON (a bigint, or a cycle)" };
  const profile = written.value;
  if (!isRecord(profile))
    return {
      field: "",
      text: `is ${kindOf(profile)}, not an object such as { "type": "api_key", "provider": "openai", "key": "…" }`,
    };
  const unchanged = (field: string) =>
    isRecord(before) && isRecord(after) && sameJson(own(before, field), own(after, field));
  const declared = own(profile, "type") ?? own(profile, "mode");
  const schema =
    typeof declared === "string" && Object.hasOwn(SCHEMAS, declared)
      ? SCHEMAS[declared as keyof typeof SCHEMAS]()
      : undefined;
  if (schema === undefined) {
    // A type modelctl does not write, kept as stored: fields it does not know are not its to judge.
    if (unchanged("type") && unchanged("mode")) return undefined;
    return { field: "type", text: `is ${kindOf(own(profile, "type"))}; it must be ${TYPES}` };
  }
  const result = schema.safeParse(profile);
  if (result.success) return undefined;
  for (const issue of result.error.issues) {
    const [top] = issue.path;
    if (typeof top === "string" && unchanged(top)) continue;
    const field = issue.path.map(String).join(".");
    const value = valueAt(profile, issue.path);
    const expected =
      (issue.path.length === 1 ? EXPECTED[field] : undefined) ??
      ("expected" in issue && typeof issue.expected === "string" ? article(issue.expected) : undefined);
    return {
      field,
      text:
        expected === undefined
          ? `is ${kindOf(value)}: ${issue.message}`
          : `is ${kindOf(value)}; it must be ${expected}`,
    };
  }
  return undefined;
}

/**
 * Refuses (`PROFILE_INVALID`, naming the profile and the field) a profile an edit would write that is not well-formed
 * for its type: `api_key`, `token` or `oauth`, with a provider, and each field it declares of its type (a key or
 * token a string, a ref a SecretRef object, …). Fields modelctl does not know are allowed and kept. Only what the
 * edit changed is judged (see `problemOf`). Values are never shown: they may be secrets.
 */
export function checkProfileEdit(profileId: string, before: unknown, after: unknown, path?: string): void {
  const where = path === undefined ? "" : ` in ${path}`;
  const details = { ...(path === undefined ? {} : { path }), profileId };
  if (typeof profileId !== "string" || profileId.trim() === "")
    throw new AuthStoreError(
      "PROFILE_INVALID",
      `A profile id${where} is ${typeof profileId === "string" ? "blank" : kindOf(profileId)}; it must be a string such as "openai:default". Nothing was written.`,
      { ...details, field: "" },
    );
  const problem = problemOf(before, after);
  if (problem === undefined) return;
  const subject = problem.field === "" ? "it" : `its "${problem.field}"`;
  throw new AuthStoreError(
    "PROFILE_INVALID",
    `Profile ${JSON.stringify(profileId)}${where} cannot be written: ${subject} ${problem.text}. Nothing was written.`,
    { ...details, field: problem.field },
  );
}
