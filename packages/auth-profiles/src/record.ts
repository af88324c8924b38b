// Reading JSON objects that come from files and callers: what is an object, and what an object itself holds.

/** A JSON object (not null, not a list). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An own property's value: `__proto__` or `constructor` as a key finds only what the object itself holds. */
export const own = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;
