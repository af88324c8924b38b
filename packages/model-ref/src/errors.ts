// The one error type of @modelctl/model-ref: a stable `code`, the offending input, and a message that says what would be valid.

export type ModelRefErrorCode =
  | "MODEL_REF_INVALID"
  | "MODEL_REF_MISSING_PROVIDER"
  | "PROVIDER_INVALID"
  | "PROVIDER_FILTER_INVALID"
  | "PROVIDER_UNKNOWN"
  | "ALIAS_INVALID"
  | "ALIAS_NOT_FOUND"
  | "FALLBACK_NOT_FOUND"
  | "FALLBACK_IS_PRIMARY"
  | "CONFIG_INVALID";

const marker = Symbol.for("@modelctl/model-ref/ModelRefError");

export class ModelRefError extends Error {
  override readonly name = "ModelRefError";
  readonly code: ModelRefErrorCode;
  /** The raw input that was rejected, exactly as given. */
  readonly input: string | undefined;
  readonly [marker] = true;

  constructor(code: ModelRefErrorCode, message: string, options: { input?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.input = options.input;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is ModelRefError {
    return typeof value === "object" && value !== null && marker in value;
  }
}

// JSON.stringify escapes C0 controls and lone surrogates but not these: DEL and C1 controls, format characters
// (bidi, zero-width), the rest of what renders as nothing (variation selectors, Hangul fillers), the Unicode line
// separators, and U+FFFD (what invalid UTF-8 became).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\uFFFD]/gu;

/** Quotes user input for an error message: every control, invisible or direction-changing character as an escape. */
export function quote(input: unknown): string {
  return (JSON.stringify(input) ?? String(input)).replace(INVISIBLE, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
