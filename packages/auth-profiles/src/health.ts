// Expiry of stored credentials: per profile (ok / expiring / expired / static / missing) and rolled up per provider.
import { profileCredential } from "./credential.js";
import type { CredentialStatus, ProfileHealth } from "./overview-schema.js";
import type { StoredProfile } from "./profile.js";

export const DEFAULT_WARN_AFTER_MS = 24 * 60 * 60 * 1000;

/** Declared by their schema (`profileHealthSchema`). */
export type { CredentialStatus, ProfileHealth };

export interface HealthOptions {
  /** Epoch ms; injectable for tests and for judging "as of" a moment. */
  readonly now: number;
  /** A credential expiring within this window is `expiring`. Default 24 h. */
  readonly warnAfterMs?: number;
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
      // An API key does not expire: OpenClaw calls every API key profile `static`, one without a key too.
      return credential.kind === "missing"
        ? { status: "static", reasonCode: "missing_credential" }
        : { status: "static" };
    case "token": {
      if (credential.kind === "missing") return { status: "missing", reasonCode: "missing_credential" };
      // No `expires` at all is a token that does not expire; anything there that is not a positive number
      // (`null`, `"soon"`, 0) is one whose expiry cannot be known, as OpenClaw reads it.
      const { expires } = profile.data;
      if (expires === undefined) return { status: "static" };
      if (!isValidExpiry(expires)) return { status: "missing", reasonCode: "invalid_expires" };
      const health = byExpiry(expires, options);
      // OpenClaw reports an expired token as ineligible, `expired` without its expiry (`expires unknown`); unlike an
      // expired OAuth profile, it can never be refreshed, so when it expired matters little.
      return health.status === "expired" ? { status: "expired", reasonCode: "expired" } : health;
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
  /** The earliest expiry among the provider's OAuth and token profiles. */
  readonly expiresAt?: number;
  readonly remainingMs?: number;
}

/**
 * OpenClaw's roll-up over a provider's OAuth and token profiles: any expired or missing → `expired`; else any
 * expiring → `expiring`; else `ok` (tokens without an expiry too). A provider with neither (API keys only, a missing
 * key included) is `static`.
 */
export function rollUpHealth(
  profiles: readonly (ProfileHealth & { readonly type: string })[],
): ProviderHealth {
  const expirable = profiles.filter((health) => health.type === "oauth" || health.type === "token");
  if (expirable.length === 0) return { status: "static" };
  const statuses = new Set(expirable.map((health) => health.status));
  const status =
    statuses.has("expired") || statuses.has("missing")
      ? "expired"
      : statuses.has("expiring")
        ? "expiring"
        : "ok";
  const earliest = expirable
    .filter((health) => health.expiresAt !== undefined)
    .sort((a, b) => (a.expiresAt ?? 0) - (b.expiresAt ?? 0))[0];
  return earliest?.expiresAt === undefined
    ? { status }
    : { status, expiresAt: earliest.expiresAt, remainingMs: earliest.remainingMs ?? 0 };
}

const MINUTE = 60_000;

/**
 * `0m` (past), `1m` (under a minute), `Nm` (under an hour), `Nh` (under 48 h), else `Nd`; each unit rounded from the
 * rounded smaller one, as OpenClaw does (89.5 min is 90 min, so `2h`).
 */
export function formatRemainingShort(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "0m";
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return "1m";
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.round(hours / 24)}d`;
}
