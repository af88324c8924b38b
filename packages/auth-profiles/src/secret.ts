// A secret value that masks itself wherever it could be printed; only `reveal()` gives the value.
import { maskSecret } from "./mask.js";

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export class Secret {
  // A private field: invisible to JSON.stringify, Object.keys, spreading and util.inspect.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself, for the one place that needs it (an HTTP header). */
  reveal(): string {
    return this.#value;
  }

  /** The masked form (`sk-t...wxyz`). */
  get masked(): string {
    return maskSecret(this.#value);
  }

  toString(): string {
    return this.masked;
  }

  toJSON(): string {
    return this.masked;
  }

  [Symbol.toPrimitive](): string {
    return this.masked;
  }

  [inspectSymbol](): string {
    return `Secret(${this.masked})`;
  }
}
