// A model's size in billions of parameters, as its id and name spell it: `70b`, `1.5B`, `8x7b` (a mixture of experts).

// A size is a word of its own: digits (a decimal point allowed) and `b`, optionally `<experts>x` before, with neither a
// letter nor a digit (nor the `.` of a version) on either side. That keeps out dates (`2024-08-06`), context sizes
// (`128k`), versions (`3.3`, `v0.3`), active-parameter counts (`a22b` of `qwen3-235b-a22b`) and effective sizes
// (`e4b`), which say less than the total the name also gives.
const SIZE = /(?<![\p{L}\p{N}.])(?:(\d{1,3})x)?(\d{1,4}(?:\.\d{1,3})?)b(?![\p{L}\p{N}])/giu;

/**
 * Billions of parameters read from a model's id and name, the largest size either spells (`qwen3-235b-a22b` → 235,
 * `mixtral-8x7b` → 56, `qwen2.5-1.5b` → 1.5), or null when neither spells one (`gpt-4o-2024-08-06`, `kimi-k2`).
 */
export function parseParamsB(id: string, name?: string | null): number | null {
  let largest: number | null = null;
  for (const text of [id, name ?? ""])
    for (const [, experts, size] of text.matchAll(SIZE)) {
      const value = Number(size) * (experts === undefined ? 1 : Number(experts));
      // 8 × 0.1 is 0.8000000000000002 in binary; sizes are given to a few decimals at most.
      const rounded = Math.round(value * 1000) / 1000;
      if (rounded > 0 && (largest === null || rounded > largest)) largest = rounded;
    }
  return largest;
}
