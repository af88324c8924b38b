// The one error type of @modelctl/probe, for misuse only: a provider's failure is a result, never an exception.

export type ProbeErrorCode = "INVALID_OPTION" | "INVALID_TARGET";

const marker = Symbol.for("@modelctl/probe/ProbeError");

export class ProbeError extends Error {
  override readonly name = "ProbeError";
  readonly code: ProbeErrorCode;
  readonly [marker] = true;

  constructor(code: ProbeErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  /** `instanceof` that also works across duplicate installs of this package. */
  static isInstance(value: unknown): value is ProbeError {
    return typeof value === "object" && value !== null && marker in value;
  }
}
