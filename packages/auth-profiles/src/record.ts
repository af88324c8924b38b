// Reading JSON objects that come from files and callers: what is an object, what an object itself holds, and
// whether two values are the same JSON.

/** A JSON object (not null, not a list). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An own property's value: `__proto__` or `constructor` as a key finds only what the object itself holds. */
export const own = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** Same JSON: exact numbers compare by their text, maps without a prototype like any object. */
export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
