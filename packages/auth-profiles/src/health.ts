// Expiry of stored credentials: per profile (ok / expiring / expired / static / missing) and rolled up per provider.
import { profileCredential } from "./credential.js";
import type { StoredProfile } from "./profile.js";

export const DEFAULT_WARN_AFTER_MS = 24 * 60 * 60 * 1000;

export type CredentialStatus = "ok" | "expiring" | "expired" | "static" | "missing";

export interface HealthOptions {
  /** Epoch ms; injectable for tests and for judging "as of" a moment. */
  readonly now: number;
  /** A credential expiring within this window is `expiring`. Default 24 h. */
  readonly warnAfterMs?: number;
}

export interface ProfileHealth {
  readonly status: CredentialStatus;
  readonly expiresAt?: number;
  /** Negative once expired. */
  readonly remainingMs?: number;
  /** An expired OAuth profile that holds a refresh token. */
  readonly refreshable?: boolean;
  /** Why a profile is `missing`: `missing_credential`, `invalid_expires`, `missing_expires`, or `unsupported_type`. */
  readonly reasonCode?: string;
}

const isValidExpiry = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value > 0;

function byExpiry(expires: number, options: HealthOptions): ProfileHealth {
  const remainingMs = expires - options.now;
  const warn = options.warnAfterMs ?? DEFAULT_WARN_AFTER_MS;
  const status = remainingMs <= 0 ? "expired" : remainingMs <= warn ? "expiring" : "ok";
  return { status, expiresAt: expires, remainingMs };
}

export function profileHealth(profile: StoredProfile, options: HealthOptions): ProfileHealth {
  const credential = profileCredential(profile);
  switch (profile.type) {
    case "unknown":
      // Written by something newer than us: we cannot judge it, and we do not call it broken.
      return { status: "static", reasonCode: "unsupported_type" };
    case "api_key":
      return credential.kind === "missing"
        ? { status: "missing", reasonCode: "missing_credential" }
        : { status: "static" };
    case "token": {
      if (credential.kind === "missing") return { status: "missing", reasonCode: "missing_credential" };
      const { expires } = profile.data;
      if (expires === undefined || expires === null) return { status: "static" };
      return isValidExpiry(expires)
        ? byExpiry(expires, options)
        : { status: "missing", reasonCode: "invalid_expires" };
    }
    case "oauth": {
      if (credential.kind === "missing") return { status: "missing", reasonCode: "missing_credential" };
      const { expires } = profile.data;
      if (!isValidExpiry(expires))
        return {
          status: "missing",
          reasonCode: expires === undefined ? "missing_expires" : "invalid_expires",
        };
      const health = byExpiry(expires, options);
      return health.status === "expired" && credential.kind === "oauth" && credential.refresh
        ? { ...health, refreshable: true }
        : health;
    }
  }
}

export interface ProviderHealth {
  readonly status: "ok" | "expiring" | "expired" | "static";
  /** The earliest expiry among the provider's profiles. */
  readonly expiresAt?: number;
  readonly remainingMs?: number;
}

/** Any expired or missing → `expired`; else any expiring → `expiring`; else any with an expiry → `ok`; else `static`. */
export function rollUpHealth(profiles: readonly ProfileHealth[]): ProviderHealth {
  const statuses = new Set(profiles.map((health) => health.status));
  const status =
    statuses.has("expired") || statuses.has("missing")
      ? "expired"
      : statuses.has("expiring")
        ? "expiring"
        : statuses.has("ok")
          ? "ok"
          : "static";
  const earliest = profiles
    .filter((health) => health.expiresAt !== undefined)
    .sort((a, b) => (a.expiresAt ?? 0) - (b.expiresAt ?? 0))[0];
  return earliest?.expiresAt === undefined
    ? { status }
    : { status, expiresAt: earliest.expiresAt, remainingMs: earliest.remainingMs ?? 0 };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `0m` (past), `1m` (under a minute), `Nm` (under an hour), `Nh` (under 48 h), else `Nd`. */
export function formatRemainingShort(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "0m";
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return "1m";
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(ms / HOUR);
  if (hours < 48) return `${hours}h`;
  return `${Math.round(ms / DAY)}d`;
}
