// Each provider's usage endpoint as data: where it is, the request its own clients send, and a reader of its reply into
// windows. Pure; the shapes are those of the providers' own clients (Codex CLI, Copilot clients, gemini-cli, Claude
// Code) as OpenClaw reads them. A reader returns undefined for a reply it cannot read at all.
import { COPILOT_EDITOR_HEADERS } from "@modelctl/model-ref";
import type { UsageCredits, UsageProvider, UsageWindow } from "./usage-schema.js";

export interface UsageRequestInput {
  readonly token: string;
  readonly accountId?: string | undefined;
  readonly projectId?: string | undefined;
}

export interface UsageRead {
  readonly plan?: string | undefined;
  readonly windows: readonly UsageWindow[];
  readonly credits?: UsageCredits | undefined;
}

export interface UsageEndpoint {
  readonly url: string;
  readonly method: "get" | "post";
  headers(input: UsageRequestInput): Record<string, string>;
  body?(input: UsageRequestInput): unknown;
  /** `fetchedAt` (epoch ms) dates a reset given as seconds from now. */
  read(body: unknown, fetchedAt: number): UsageRead | undefined;
}

/** A real reply has a handful of windows; Gemini one per model bucket. More is not a usage reply. */
export const MAX_WINDOWS = 32;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const finite = (value: unknown): number | undefined => {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
};

const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));

const percent = (value: unknown) => {
  const number = finite(value);
  return number === undefined ? undefined : clamp(number, 100);
};

// Dates before 2000 or after 2200 are not a reset time anyone means (and some are beyond what a Date holds).
const MIN_DATE = Date.UTC(2000, 0, 1);
const MAX_DATE = Date.UTC(2200, 0, 1);

/** An ISO date from epoch ms, or undefined when it is not a plausible one. */
export function isoFromMs(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms < MIN_DATE || ms > MAX_DATE) return undefined;
  return new Date(ms).toISOString();
}

const isoFromText = (value: unknown) =>
  typeof value === "string" && value.length <= 64 ? isoFromMs(Date.parse(value)) : undefined;

const text = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

const window = (label: string, fields: Omit<UsageWindow, "label">): UsageWindow => {
  const out: Record<string, unknown> = { label };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as UsageWindow;
};

// --- Codex / ChatGPT: GET backend-api/wham/usage -------------------------------------------------------------------

const WEEK_HOURS = 168;
const WEEKLY_RESET_GAP_MS = 3 * 24 * 3600 * 1000;

/** `5h`, `Day`, `Week`, or `<n>h` / `<n>d` from a window's length. */
function codexLabel(seconds: number | undefined, fallback: string): string {
  if (seconds === undefined || seconds <= 0) return fallback;
  const hours = Math.round(seconds / 3600);
  if (hours >= WEEK_HOURS) return "Week";
  if (hours < 24) return `${Math.max(1, hours)}h`;
  if (hours === 24) return "Day";
  return hours % 24 === 0 ? `${hours / 24}d` : `${hours}h`;
}

function codexWindow(value: unknown, fetchedAt: number, fallback: string) {
  if (!isRecord(value)) return undefined;
  const resetAt = finite(value.reset_at);
  const resetAfter = finite(value.reset_after_seconds);
  const resetMs =
    resetAt !== undefined
      ? resetAt * 1000
      : resetAfter !== undefined
        ? fetchedAt + resetAfter * 1000
        : undefined;
  return {
    seconds: finite(value.limit_window_seconds),
    resetMs,
    fields: { usedPercent: percent(value.used_percent) ?? 0, resetsAt: isoFromMs(resetMs) },
    fallback,
  };
}

function readCodex(body: unknown, fetchedAt: number): UsageRead | undefined {
  if (!isRecord(body)) return undefined;
  const limits = isRecord(body.rate_limit) ? body.rate_limit : undefined;
  if (!limits && !("plan_type" in body) && !("credits" in body)) return undefined;
  const primary = codexWindow(limits?.primary_window, fetchedAt, "5h");
  const secondary = codexWindow(limits?.secondary_window, fetchedAt, "Week");
  const windows: UsageWindow[] = [];
  if (primary) windows.push(window(codexLabel(primary.seconds, primary.fallback), primary.fields));
  if (secondary) {
    let label = codexLabel(secondary.seconds, secondary.fallback);
    // The Codex backend has been seen to report a 24 h secondary window that resets on a weekly cadence; OpenClaw
    // labels it by the cadence, and so do we, so the two show the same line.
    if (
      label === "Day" &&
      secondary.resetMs !== undefined &&
      primary?.resetMs !== undefined &&
      secondary.resetMs - primary.resetMs >= WEEKLY_RESET_GAP_MS
    )
      label = "Week";
    windows.push(window(label, secondary.fields));
  }
  const credits = isRecord(body.credits) ? body.credits : undefined;
  const read: UsageCredits | undefined = credits && {
    ...(finite(credits.balance) === undefined ? {} : { balance: finite(credits.balance) as number }),
    ...(typeof credits.has_credits === "boolean" ? { hasCredits: credits.has_credits } : {}),
    ...(typeof credits.unlimited === "boolean" ? { unlimited: credits.unlimited } : {}),
  };
  return {
    plan: text(body.plan_type),
    windows,
    credits: read && Object.keys(read).length > 0 ? read : undefined,
  };
}

// --- GitHub Copilot: GET api.github.com/copilot_internal/user ------------------------------------------------------

const COPILOT_QUOTAS: readonly (readonly [string, string])[] = [
  ["premium_interactions", "Premium"],
  ["chat", "Chat"],
  ["completions", "Completions"],
];

function readCopilot(body: unknown): UsageRead | undefined {
  if (!isRecord(body) || !isRecord(body.quota_snapshots)) return undefined;
  const snapshots = body.quota_snapshots;
  // `quota_reset_date_utc` is a full date-time; older replies only have `quota_reset_date`, a day (`2025-08-01`).
  const resetsAt = isoFromText(body.quota_reset_date_utc) ?? isoFromText(body.quota_reset_date);
  const windows: UsageWindow[] = [];
  for (const [key, label] of COPILOT_QUOTAS) {
    const quota = snapshots[key];
    if (!isRecord(quota)) continue;
    const unlimited = quota.unlimited === true;
    const remaining = percent(quota.percent_remaining);
    windows.push(
      window(label, {
        usedPercent: unlimited ? 0 : remaining === undefined ? undefined : 100 - remaining,
        resetsAt: unlimited ? undefined : resetsAt,
        unlimited: unlimited || undefined,
      }),
    );
  }
  return { plan: text(body.copilot_plan), windows };
}

// --- Gemini CLI: POST cloudcode-pa.googleapis.com/v1internal:retrieveUserQuota --------------------------------------

function readGemini(body: unknown): UsageRead | undefined {
  if (!isRecord(body)) return undefined;
  if (body.buckets !== undefined && !Array.isArray(body.buckets)) return undefined;
  // A model has a bucket per token type; the one with least left is the one that stops it.
  const lowest = new Map<string, { fraction: number; resetsAt: string | undefined }>();
  for (const bucket of (body.buckets as unknown[] | undefined) ?? []) {
    if (!isRecord(bucket)) continue;
    const model = text(bucket.modelId);
    const fraction = finite(bucket.remainingFraction);
    if (model === undefined) continue;
    // gemini-cli: the fraction is left out when the bucket is full.
    const left = fraction === undefined ? 1 : clamp(fraction, 1);
    const seen = lowest.get(model);
    if (!seen || left < seen.fraction)
      lowest.set(model, { fraction: left, resetsAt: isoFromText(bucket.resetTime) });
  }
  const windows = [...lowest].map(([model, { fraction, resetsAt }]) =>
    window(model, { remainingFraction: fraction, resetsAt }),
  );
  return { windows };
}

// --- Claude: GET api.anthropic.com/api/oauth/usage -----------------------------------------------------------------

const CLAUDE_WINDOWS: readonly (readonly [string, string])[] = [
  ["five_hour", "5h"],
  ["seven_day", "Week"],
  ["seven_day_opus", "Opus week"],
  ["seven_day_sonnet", "Sonnet week"],
];

function readClaude(body: unknown): UsageRead | undefined {
  if (!isRecord(body) || !CLAUDE_WINDOWS.some(([key]) => key in body)) return undefined;
  const windows: UsageWindow[] = [];
  for (const [key, label] of CLAUDE_WINDOWS) {
    const value = body[key];
    if (!isRecord(value)) continue;
    const used = percent(value.utilization);
    if (used === undefined) continue;
    windows.push(window(label, { usedPercent: used, resetsAt: isoFromText(value.resets_at) }));
  }
  return { windows };
}

/** The Claude usage endpoint's answer to a token without the `user:profile` scope. */
export const CLAUDE_PROFILE_SCOPE = /scope requirement user:profile/i;

export const USAGE_ENDPOINTS: Readonly<Record<UsageProvider, UsageEndpoint>> = {
  "openai-codex": {
    url: "https://chatgpt.com/backend-api/wham/usage",
    method: "get",
    headers: ({ token, accountId }) => ({
      authorization: `Bearer ${token}`,
      accept: "application/json",
      ...(accountId ? { "chatgpt-account-id": accountId } : {}),
    }),
    read: readCodex,
  },
  "github-copilot": {
    url: "https://api.github.com/copilot_internal/user",
    method: "get",
    // The GitHub token (not the short-lived Copilot token), with the editor headers Copilot clients send.
    headers: ({ token }) => ({
      authorization: `token ${token}`,
      accept: "application/json",
      ...COPILOT_EDITOR_HEADERS,
      "x-github-api-version": "2025-04-01",
    }),
    read: (body) => readCopilot(body),
  },
  "google-gemini-cli": {
    url: "https://cloudcode-pa.googleapis.com/v1internal:retrieveUserQuota",
    method: "post",
    headers: ({ token }) => ({ authorization: `Bearer ${token}`, accept: "application/json" }),
    // gemini-cli sends its Code Assist project; without one, `{}` as OpenClaw sends.
    body: ({ projectId }) => (projectId ? { project: projectId } : {}),
    read: (body) => readGemini(body),
  },
  anthropic: {
    url: "https://api.anthropic.com/api/oauth/usage",
    method: "get",
    headers: ({ token }) => ({
      authorization: `Bearer ${token}`,
      accept: "application/json",
      "anthropic-version": "2023-06-01",
      "anthropic-beta": "oauth-2025-04-20",
    }),
    read: (body) => readClaude(body),
  },
};
