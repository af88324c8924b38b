// Builds a value on first use and keeps it: what the library's zod schemas are wrapped in.
//
// A zod schema costs time to construct (about 3 ms for this library's and auth-profiles' together, on the start of
// every `modelctl` run), and a run that reads no config file and prints no JSON uses none of them.

/** A getter that calls `build` once, on the first call, and returns that value from then on. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}
