// "Did you mean …?": the catalog refs nearest to a mistyped one, by edit distance, and only when they are close.
import leven from "leven";
import { catalogModels, catalogRefOf } from "./catalog-lookup.js";
import { lazy } from "./lazy.js";
import { normalizeProviderId } from "./providers.js";

// Lower-cased keys and bare ids beside the refs they stand for, in catalog order (so ties come out sorted).
const candidates = lazy(() =>
  catalogModels().map((entry) => {
    const ref = catalogRefOf(entry);
    return { ref, key: ref.toLowerCase(), id: entry.id.toLowerCase() };
  }),
);

/**
 * How many edits still count as a typo of a text of this length: 1 up to 15 characters, 2 up to 23, then 3. A
 * dropped hyphen or a `.` for a `-` is one edit at any length (`openai/gpt5.2`); a wrong version number in a long
 * ref is two or more, and so does not look like a typo of a short one.
 */
export function typoDistance(length: number): number {
  return Math.min(3, Math.max(1, Math.floor(length / 8)));
}

/**
 * The catalog refs nearest to `ref`, for a "did you mean" hint: those at the smallest edit distance found, when that
 * distance is within `typoDistance` of the input's length, at most `limit` of them, in catalog order. Case is ignored
 * and the provider is normalised. `ref` is `provider/model`, or a bare model id, which is compared with every
 * provider's ids. Empty when nothing is close; a ref the catalog holds comes back as itself.
 */
export function nearestCatalogRefs(ref: string, limit = 3): string[] {
  if (typeof ref !== "string" || !(limit >= 1)) return [];
  const input = ref.trim();
  if (input === "") return [];
  const slash = input.indexOf("/");
  const bare = slash === -1;
  const target = (
    bare ? input : `${normalizeProviderId(input.slice(0, slash))}${input.slice(slash)}`
  ).toLowerCase();
  let best = typoDistance(target.length);
  let found: string[] = [];
  for (const candidate of candidates()) {
    const text = bare ? candidate.id : candidate.key;
    // The length difference alone is a lower bound of the distance: skip what cannot be close.
    if (Math.abs(text.length - target.length) > best) continue;
    const distance = leven(target, text, { maxDistance: best + 1 });
    if (distance > best) continue;
    if (distance < best) {
      best = distance;
      found = [];
    }
    if (found.length < limit) found.push(candidate.ref);
  }
  return found;
}
