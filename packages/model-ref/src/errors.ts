// The one error type of @modelctl/model-ref: a stable `code`, the offending input, and a message that says what would be valid.

export type ModelRefErrorCode =
  | "MODEL_REF_INVALID"
  | "MODEL_REF_MISSING_PROVIDER"
  | "PROVIDER_INVALID"
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

/** Quotes user input for an error message: JSON escaping makes control characters and blanks visible. */
export function quote(input: string): string {
  return JSON.stringify(input);
}
