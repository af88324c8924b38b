// OpenClaw lists providers and profiles in `localeCompare` order. Asking ICU for that order costs ~6 ms the first
// time in a process (it loads the collation data), a quarter of Node's own start-up, on a path (`models status`)
// we keep fast. Ids are printable ASCII, whose order under ICU's root collation is fixed, so those are compared
// here; anything else goes to ICU. `locale-order.test.ts` checks this against `Intl.Collator` on random strings.

/** Printable ASCII in ICU root collation order; letters appear lowercase only (case is a tertiary difference). */
const ROOT_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

const PRIMARY = new Uint8Array(128);
for (let i = 0; i < ROOT_ORDER.length; i++) {
  PRIMARY[ROOT_ORDER.charCodeAt(i)] = i + 1;
  PRIMARY[ROOT_ORDER.charAt(i).toUpperCase().charCodeAt(0)] = i + 1;
}

const isPrintableAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

let collator: Intl.Collator | undefined;

/** `a.localeCompare(b, "en")`, as a sort comparator: primary order first, then lowercase before uppercase. */
export function localeOrder(a: string, b: string): number {
  if (!isPrintableAscii(a) || !isPrintableAscii(b)) {
    collator ??= new Intl.Collator("en");
    return collator.compare(a, b);
  }
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (PRIMARY[a.charCodeAt(i)] ?? 0) - (PRIMARY[b.charCodeAt(i)] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // Same letters: the first difference in case decides, lowercase first (ASCII uppercase has the lower code).
  for (let i = 0; i < length; i++) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference > 0 ? -1 : 1;
  }
  return 0;
}
