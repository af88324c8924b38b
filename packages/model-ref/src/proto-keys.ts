// Lets a schema check what sits under a `__proto__` key. `JSON.parse` makes `"__proto__"` an own key like any other,
// but zod skips it in records (assigning it would replace the prototype of zod's copy), so its value goes unchecked.

const PROTO = "__proto__";

type Node = Record<string, unknown> | unknown[];

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null;

function hasProtoKey(root: unknown): boolean {
  // A loop, not recursion: a hand-made document may be nested deeper than the call stack.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isNode(node)) continue;
    if (!Array.isArray(node) && Object.hasOwn(node, PROTO)) return true;
    for (const value of Object.values(node)) if (isNode(value)) stack.push(value);
  }
  return false;
}

/** A name for the key that the object does not already use: `[__proto__]`, shown as such in an error's path. */
function standIn(node: Record<string, unknown>): string {
  let name = `[${PROTO}]`;
  while (Object.hasOwn(node, name)) name = `[${name}]`;
  return name;
}

/**
 * The document itself when no object in it has an own `__proto__` key (the usual case); else a copy of it where
 * that key is named `[__proto__]`, for validation only: the document is what callers keep and write back.
 */
export function exposeProtoKeys(document: unknown): unknown {
  if (!hasProtoKey(document)) return document;
  const pending: [source: Node, target: Node][] = [];
  const copy = (value: unknown): unknown => {
    if (!isNode(value)) return value;
    const target: Node = Array.isArray(value) ? [] : {};
    pending.push([value, target]);
    return target;
  };
  const root = copy(document);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, target] = next;
    if (Array.isArray(source)) {
      for (const value of source) (target as unknown[]).push(copy(value));
      continue;
    }
    const out = target as Record<string, unknown>;
    for (const [key, value] of Object.entries(source))
      out[key === PROTO ? standIn(source) : key] = copy(value);
  }
  return root;
}
