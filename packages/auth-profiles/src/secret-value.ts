// What a secret value (API key, token) may be before it is stored: one line of printable text, of a sane size.
import { unsafeCharacter } from "@modelctl/model-ref";
import { AuthStoreError } from "./errors.js";
import { isMarker } from "./markers.js";

/** The largest secret accepted, in UTF-8 bytes. Keys are under 200 bytes; long JWTs a few KiB. */
export const MAX_SECRET_BYTES = 16 * 1024;

export interface SecretValueOptions {
  /** What the value is called in the message: `API key`, `token`. Default `secret`. */
  readonly what?: string;
}

/**
 * Returns `value` when it can be stored as a key or token, else throws `AuthStoreError` `SECRET_INVALID`: empty,
 * longer than `MAX_SECRET_BYTES`, or holding a blank, a control character (NUL, ESC, …), an invisible or
 * direction-changing character, or bytes that were not UTF-8; or shaped like a marker (`OPENAI_API_KEY`,
 * `oauth:…`), which would be stored as a reference, not a secret, and shown in full. Trim pasted input first. The
 * message never shows the value, only what is wrong with it.
 */
export function validateSecretValue(value: unknown, options: SecretValueOptions = {}): string {
  const what = options.what ?? "secret";
  const refuse = (why: string) =>
    new AuthStoreError(
      "SECRET_INVALID",
      `The ${what} ${why}; nothing was saved, and the value is not shown. Give only the ${what} itself: one line of printable text, at most ${MAX_SECRET_BYTES / 1024} KiB.`,
    );
  if (typeof value !== "string") throw refuse("is not text");
  if (value === "") throw refuse("is empty");
  // UTF-8 never takes fewer bytes than UTF-16 units, so a long string is refused before anything scans it.
  if (value.length > MAX_SECRET_BYTES || Buffer.byteLength(value, "utf8") > MAX_SECRET_BYTES)
    throw refuse(`is longer than ${MAX_SECRET_BYTES / 1024} KiB`);
  if (/[ \t\r\n\v\f\p{Zs}\u2028\u2029]/u.test(value)) throw refuse("contains blanks or line breaks");
  const unsafe = unsafeCharacter(value);
  if (unsafe) {
    throw refuse(
      `contains ${unsafe.kind === "invisible" ? `an invisible or direction-changing character (${unsafe.codePoint})` : unsafe.description}`,
    );
  }
  if (isMarker(value))
    throw refuse(
      "has the shape of a marker (a name for where a secret lives: an environment variable name, oauth:<id>, <provider>-local), so it would be stored and shown as one, not kept secret",
    );
  return value;
}
