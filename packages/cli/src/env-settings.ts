// Settings a run takes from the environment rather than from flags: the moment it judges at, how long writes wait.
import { usageError } from "./errors.js";
import type { Io } from "./io.js";

/**
 * The moment expiry and cooldowns are judged at: now, or `MODELCTL_NOW` (epoch ms or an ISO date) to ask
 * "as of then" — e.g. `MODELCTL_NOW=2026-12-01 modelctl models status --check` before a long weekend.
 */
export function nowOf(io: Io): number {
  const raw = io.env.MODELCTL_NOW?.trim();
  if (!raw) return Date.now();
  const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(value)) {
    throw usageError(
      `MODELCTL_NOW=${JSON.stringify(raw)} is not a time. Use epoch milliseconds (1795430219982) or an ISO date (2026-12-01T09:00:00Z), or unset it.`,
    );
  }
  return value;
}

/** `MODELCTL_LOCK_TIMEOUT_MS`: how long a write waits for another process's lock (default 10 s). */
export function lockTimeoutMs(io: Io): number | undefined {
  const raw = io.env.MODELCTL_LOCK_TIMEOUT_MS?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    throw usageError(
      `MODELCTL_LOCK_TIMEOUT_MS must be a positive whole number of milliseconds, got ${JSON.stringify(raw)}.`,
    );
  }
  return Number(raw);
}
