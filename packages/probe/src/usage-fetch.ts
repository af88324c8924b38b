// fetchUsageSnapshots: the usage windows of each subscription login, every provider at once, each under the probe's
// HTTP rules (a short hard deadline, no redirects, no retries, a size cap) and with every server string made safe.
// A provider's failure is a snapshot with its status and a note, never an exception.
import { normalizeProviderId, unsafeCharacter } from "@modelctl/model-ref";
import { classifyHttp, describeNetworkError, readProviderError } from "./classify.js";
import { ProbeError } from "./errors.js";
import { exchange } from "./http.js";
import { MAX_TIMEOUT_MS, positiveInteger } from "./options.js";
import { credentialPreflight, parseJson } from "./probe.js";
import { carriesSecret, oneLine, redactSecrets, sharesDigits } from "./redact.js";
import {
  normalizeCredential,
  type ProbeCredential,
  type ProbeCredentialInput,
  revealSecret,
} from "./target.js";
import { CLAUDE_PROFILE_SCOPE, MAX_WINDOWS, USAGE_ENDPOINTS, type UsageRead } from "./usage-readers.js";
import {
  USAGE_PROVIDERS,
  type UsageProvider,
  type UsageSnapshot,
  type UsageStatus,
  type UsageWindow,
} from "./usage-schema.js";

/** A usage endpoint answers at once or not usefully: `models status --usage` must not wait on it. */
export const DEFAULT_USAGE_TIMEOUT_MS = 5000;
/** Real replies are under 4 KB (Copilot's, the largest, about 2 KB). */
export const DEFAULT_MAX_USAGE_BYTES = 64 * 1024;
/** A plan or window label longer than this is not one. */
const MAX_TEXT = 64;

/** Whose usage to fetch: one subscription login per provider. */
export interface UsageTarget {
  /** `openai-codex`, `github-copilot`, `google-gemini-cli` or `anthropic` (OpenClaw's ids); others are `unsupported`. */
  readonly provider: string;
  readonly profileId?: string | undefined;
  /** The OAuth access token (Copilot: the GitHub token), as a secret with `reveal()` or a stored profile's shape. */
  readonly credential?: ProbeCredentialInput | null | undefined;
  /** Codex: the ChatGPT account id, sent as `ChatGPT-Account-Id`. */
  readonly accountId?: string | undefined;
  /** Gemini: the Code Assist project, sent as `project`. */
  readonly projectId?: string | undefined;
  /** The usage endpoint in place of the provider's (`usageUrl` of `MODELCTL_AUTH_ENDPOINTS`, a test server). */
  readonly usageUrl?: string | undefined;
}

export interface UsageOptions {
  /** Hard wall-clock limit per provider, from sending to the last byte. Default 5000. */
  readonly timeoutMs?: number;
  /** Bytes of a reply read at most. Default 64 KiB. */
  readonly maxResponseBytes?: number;
  /** Cancels every fetch; the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Epoch ms that credential expiry is judged against. Default `Date.now()`. */
  readonly now?: number;
  /** Called as each snapshot is known, with the target's index. */
  readonly onResult?: (snapshot: UsageSnapshot, index: number, target: UsageTarget) => void;
}

interface CheckedUsageTarget {
  readonly provider: string;
  readonly profileId?: string | undefined;
  readonly credential?: ProbeCredential | undefined;
  readonly accountId?: string | undefined;
  readonly projectId?: string | undefined;
  readonly url?: URL | undefined;
}

const optionalString = (target: UsageTarget, index: number, key: keyof UsageTarget) => {
  const value = target[key];
  if (value !== undefined && typeof value !== "string")
    throw new ProbeError("INVALID_TARGET", `targets[${index}].${key} must be a string when given.`);
};

function checkTargets(targets: readonly UsageTarget[]): CheckedUsageTarget[] {
  if (!Array.isArray(targets))
    throw new ProbeError("INVALID_OPTION", "targets must be an array of usage targets.");
  const seen = new Map<string, number>();
  return targets.map((target, index) => {
    if (typeof target?.provider !== "string" || target.provider.trim() === "")
      throw new ProbeError("INVALID_TARGET", `targets[${index}].provider must be a non-empty string.`);
    for (const key of ["profileId", "accountId", "projectId", "usageUrl"] as const)
      optionalString(target, index, key);
    const provider = normalizeProviderId(target.provider);
    const first = seen.get(provider);
    if (first !== undefined)
      throw new ProbeError(
        "INVALID_TARGET",
        `targets[${index}] lists provider "${provider}" again (first at targets[${first}]); give one login per provider, the one whose usage to show.`,
      );
    seen.set(provider, index);
    const credential = normalizeCredential(target.credential);
    if (typeof credential === "string")
      throw new ProbeError("INVALID_TARGET", `targets[${index}]: ${credential}.`);
    let url: URL | undefined;
    if (target.usageUrl !== undefined) {
      url = URL.canParse(target.usageUrl) ? new URL(target.usageUrl) : undefined;
      if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
        throw new ProbeError(
          "INVALID_TARGET",
          `targets[${index}].usageUrl must be an http(s) URL, for example https://chatgpt.com/backend-api/wham/usage.`,
        );
    }
    return {
      provider,
      ...(target.profileId === undefined ? {} : { profileId: target.profileId }),
      ...(credential === undefined ? {} : { credential }),
      ...(target.accountId === undefined ? {} : { accountId: target.accountId }),
      ...(target.projectId === undefined ? {} : { projectId: target.projectId }),
      ...(url === undefined ? {} : { url }),
    };
  });
}

const isUsageProvider = (provider: string): provider is UsageProvider =>
  (USAGE_PROVIDERS as readonly string[]).includes(provider);

/** A snapshot before its strings are made safe. */
interface Draft {
  readonly status: UsageStatus;
  readonly note?: string | undefined;
  readonly httpStatus?: number | undefined;
  readonly read?: UsageRead | undefined;
}

/** `value` when it can be shown exactly as the server sent it, else undefined. */
function keepText(value: string | undefined, secrets: readonly string[]): string | undefined {
  if (value === undefined || value.length > MAX_TEXT || unsafeCharacter(value)) return undefined;
  return secrets.length > 0 && carriesSecret(value, secrets) ? undefined : value;
}

/** The one door every snapshot goes out through: labels and plan kept exact or left out, the note redacted. */
function safeSnapshot(target: CheckedUsageTarget, draft: Draft, secrets: readonly string[]): UsageSnapshot {
  const windows: UsageWindow[] = [];
  for (const found of draft.read?.windows ?? []) {
    const label = keepText(found.label, secrets);
    if (label !== undefined && windows.length < MAX_WINDOWS) windows.push({ ...found, label });
  }
  const plan = keepText(draft.read?.plan, secrets);
  const credits = draft.read?.credits;
  const balance = credits?.balance;
  const safeCredits =
    credits && balance !== undefined && sharesDigits(String(balance), secrets)
      ? (({ balance: _, ...rest }) => rest)(credits)
      : credits;
  return {
    provider: target.provider,
    ...(target.profileId === undefined ? {} : { profileId: target.profileId }),
    fetchedAt: new Date().toISOString(),
    status: draft.status,
    ...(plan === undefined ? {} : { plan }),
    windows,
    ...(safeCredits === undefined || Object.keys(safeCredits).length === 0 ? {} : { credits: safeCredits }),
    ...(draft.note === undefined ? {} : { note: redactSecrets(draft.note, secrets) }),
    ...(draft.httpStatus === undefined ? {} : { httpStatus: draft.httpStatus }),
  };
}

interface Limits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly signal?: AbortSignal | undefined;
}

async function fetchOne(
  target: CheckedUsageTarget,
  provider: UsageProvider,
  token: string,
  limits: Limits,
): Promise<Draft> {
  const endpoint = USAGE_ENDPOINTS[provider];
  const url = target.url?.href ?? endpoint.url;
  const host = new URL(url).host;
  const input = { token, accountId: target.accountId, projectId: target.projectId };
  const outcome = await exchange(
    {
      method: endpoint.method,
      url,
      headers: endpoint.headers(input),
      ...(endpoint.body ? { body: endpoint.body(input) } : {}),
    },
    limits,
  );
  if (outcome.kind === "timeout")
    return {
      status: "timeout",
      note: `No usage from ${host} within ${limits.timeoutMs} ms.`,
      ...(outcome.status === undefined ? {} : { httpStatus: outcome.status }),
    };
  if (outcome.kind === "network")
    return { status: "network", note: describeNetworkError(outcome.error, host).error };

  const httpStatus = outcome.status;
  if (httpStatus >= 300 && httpStatus < 400) {
    const location = outcome.headers.get("location");
    const to = location && URL.canParse(location, url) ? new URL(location, url).origin : "elsewhere";
    return {
      status: "unknown",
      httpStatus,
      note: `${host} answered ${httpStatus} redirecting to ${to}; not followed, so the token stayed with ${host}.`,
    };
  }
  const body = outcome.truncated ? undefined : parseJson(outcome.text);
  if (httpStatus < 200 || httpStatus >= 300) {
    const providerError = readProviderError(body);
    const message =
      providerError?.message ??
      (outcome.truncated ? "(error body too large to read)" : outcome.text || "(empty body)");
    if (httpStatus === 403)
      return {
        status: "forbidden",
        httpStatus,
        note:
          provider === "anthropic" && CLAUDE_PROFILE_SCOPE.test(message)
            ? "This token lacks the user:profile scope (a setup-token has only user:inference), so Anthropic shows it no usage; sign in with Claude Code's full login to see it. The token still works for requests."
            : `HTTP 403: ${message}`,
      };
    const status = classifyHttp(httpStatus, providerError);
    return {
      status,
      httpStatus,
      note:
        status === "auth"
          ? `HTTP ${httpStatus}: ${message} (the token was refused: refresh it or sign in again)`
          : `HTTP ${httpStatus}: ${message}`,
    };
  }
  if (outcome.truncated)
    return {
      status: "format",
      httpStatus,
      note: `The usage reply from ${host} is larger than ${limits.maxResponseBytes} bytes.`,
    };
  const read = body === undefined ? undefined : endpoint.read(body, Date.now());
  if (!read)
    return {
      status: "format",
      httpStatus,
      note: `The answer from ${host} is not a ${provider} usage reply.`,
    };
  return { status: "ok", httpStatus, read };
}

/**
 * Fetches each subscription login's usage, all providers at once, each under its own deadline. Snapshots come through
 * `onResult` as they are known and are returned in target order. A provider's failure is a snapshot (`auth`,
 * `forbidden`, `timeout`, …, with a `note`); only misuse throws (`ProbeError`), and cancellation rejects with the
 * signal's reason.
 */
export async function fetchUsageSnapshots(
  targets: readonly UsageTarget[],
  options: UsageOptions = {},
): Promise<UsageSnapshot[]> {
  const limits: Limits = {
    timeoutMs: positiveInteger("timeoutMs", options.timeoutMs, DEFAULT_USAGE_TIMEOUT_MS, MAX_TIMEOUT_MS),
    maxResponseBytes: positiveInteger(
      "maxResponseBytes",
      options.maxResponseBytes,
      DEFAULT_MAX_USAGE_BYTES,
      Number.MAX_SAFE_INTEGER,
    ),
    signal: options.signal,
  };
  const now = options.now ?? Date.now();
  const checked = checkTargets(targets);
  options.signal?.throwIfAborted();

  const results = new Array<UsageSnapshot>(checked.length);
  const run = async (target: CheckedUsageTarget, index: number) => {
    const { credential } = target;
    const secrets = credential && "secret" in credential ? [revealSecret(credential.secret)] : [];
    let draft: Draft;
    const decided = credentialPreflight(target, now);
    if (!isUsageProvider(target.provider))
      draft = {
        status: "unsupported",
        note: `No usage endpoint is known for ${target.provider}; usage is shown for ${USAGE_PROVIDERS.join(", ")}.`,
      };
    else if (decided) draft = { status: decided.status, note: oneLine(decided.error) };
    else if (!credential || !("secret" in credential))
      draft = { status: "missing_credential", note: "No token to send." };
    else draft = await fetchOne(target, target.provider, secrets[0] as string, limits);
    const snapshot = safeSnapshot(target, draft, secrets);
    results[index] = snapshot;
    options.onResult?.(snapshot, index, targets[index] as UsageTarget);
  };
  const settled = await Promise.allSettled(checked.map(run));
  options.signal?.throwIfAborted();
  for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
  return results;
}
