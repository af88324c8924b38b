// Strict durations for --expires-in: `30m`, `12h`, `365d`, `2w`, or several (`1d12h`); nothing else.
import { usageError } from "./errors.js";

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** 100 years: a credential said to live longer is a typo, and `now + duration` stays an exact epoch ms. */
export const MAX_DURATION_MS = 36_500 * 86_400_000;

export function parseDuration(raw: string, flag: string): number {
  const text = raw.trim();
  const parts = [...text.matchAll(/(\d+)([smhdw])/g)];
  const total = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (UNIT_MS[unit ?? ""] ?? 0), 0);
  if (parts.length === 0 || parts.map(([whole]) => whole).join("") !== text || !(total > 0)) {
    throw usageError(
      `Invalid ${flag} ${JSON.stringify(raw)}: use a positive number with a unit, like 30m, 12h, 365d or 2w (s, m, h, d, w).`,
    );
  }
  if (!(total <= MAX_DURATION_MS)) {
    throw usageError(`Invalid ${flag} ${JSON.stringify(raw)}: at most 100 years (36500d).`);
  }
  return total;
}
