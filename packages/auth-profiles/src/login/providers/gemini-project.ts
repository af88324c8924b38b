// The Google Cloud project a Gemini CLI sign-in works in, found as the Gemini CLI finds it (its code_assist/setup.ts):
// `loadCodeAssist` names the project of an account already set up; an account that is not is onboarded to its default
// tier (`onboardUser`, a long-running operation polled until done), which provisions one. GOOGLE_CLOUD_PROJECT (or
// GOOGLE_CLOUD_PROJECT_ID) names the project for Workspace and paid accounts, as it does for the Gemini CLI.
import { setTimeout as delay } from "node:timers/promises";
import { AuthLoginError } from "../../errors.js";
import { jsonOf, send } from "../http.js";
import type { LoginContext } from "../plugin.js";

const PROVIDER = "google-gemini-cli";
const METADATA = {
  ideType: "IDE_UNSPECIFIED",
  platform: "PLATFORM_UNSPECIFIED",
  pluginType: "GEMINI",
} as const;
/** The Gemini CLI waits 5 s between polls of the onboarding operation; 24 polls is two minutes. */
const POLL_MS = 5000;
const MAX_POLLS = 24;

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

/** `cloudaicompanionProject` as the API gives it: a project id, or `{ id }`. */
const projectOf = (value: unknown) => text(value) ?? (isRecord(value) ? text(value.id) : undefined);

function notSetUp(reply: Json): AuthLoginError {
  const reasons = Array.isArray(reply.ineligibleTiers)
    ? reply.ineligibleTiers
        .map((tier) => (isRecord(tier) ? text(tier.reasonMessage) : undefined))
        .filter((reason): reason is string => reason !== undefined)
    : [];
  const why = reasons.length > 0 ? ` Google says: ${reasons.join("; ").slice(0, 300)}.` : "";
  return new AuthLoginError(
    "NOT_CONFIGURED",
    `Google named no Code Assist project for this account.${why} Set GOOGLE_CLOUD_PROJECT to your project's id and sign in again.`,
    { provider: PROVIDER },
  );
}

/**
 * The project id to store with a Gemini CLI profile (`projectId`), found with the new access token. Throws an
 * AuthLoginError when there is none (NOT_CONFIGURED, saying to set GOOGLE_CLOUD_PROJECT) or Google cannot be asked.
 */
export async function discoverGeminiProject(access: string, context: LoginContext): Promise<string> {
  const base = context.endpoints.codeAssistUrl;
  if (!base)
    throw new AuthLoginError(
      "NOT_CONFIGURED",
      `No codeAssistUrl for ${PROVIDER}; set it in MODELCTL_AUTH_ENDPOINTS.`,
      {
        provider: PROVIDER,
      },
    );
  const configured = text(context.env.GOOGLE_CLOUD_PROJECT) ?? text(context.env.GOOGLE_CLOUD_PROJECT_ID);
  const http = {
    provider: PROVIDER,
    timeoutMs: context.timing?.httpTimeoutMs,
    signal: context.signal,
    secrets: [access],
  };
  const headers = {
    authorization: `Bearer ${access}`,
    accept: "application/json",
    "content-type": "application/json",
  };
  const call = async (path: string, body?: unknown): Promise<Json> => {
    const url = `${base}${path}`;
    const reply = await send(
      url,
      body === undefined
        ? { method: "GET", headers }
        : { method: "POST", headers, body: JSON.stringify(body) },
      http,
    );
    const value = jsonOf(url, reply, http);
    return isRecord(value) ? value : {};
  };

  const loaded = await call(":loadCodeAssist", {
    ...(configured ? { cloudaicompanionProject: configured } : {}),
    metadata: { ...METADATA, ...(configured ? { duetProject: configured } : {}) },
  });
  if (isRecord(loaded.currentTier)) {
    const project = projectOf(loaded.cloudaicompanionProject) ?? configured;
    if (project) return project;
    throw notSetUp(loaded);
  }

  // Not set up yet: onboard to the default tier. The free tier's project is managed by Google (naming one fails).
  const tiers = Array.isArray(loaded.allowedTiers) ? loaded.allowedTiers.filter(isRecord) : [];
  const tierId = text(tiers.find((tier) => tier.isDefault === true)?.id) ?? "legacy-tier";
  const free = tierId === "free-tier";
  context.ui.log("Setting up Gemini Code Assist for this account…");
  let operation = await call(":onboardUser", {
    tierId,
    ...(free || !configured ? {} : { cloudaicompanionProject: configured }),
    metadata: { ...METADATA, ...(free || !configured ? {} : { duetProject: configured }) },
  });
  const sleep =
    context.timing?.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const name = text(operation.name);
  for (let poll = 0; operation.done !== true && name !== undefined; poll += 1) {
    if (poll === MAX_POLLS)
      throw new AuthLoginError(
        "TIMEOUT",
        "Google did not finish setting up Gemini Code Assist in two minutes.",
        {
          provider: PROVIDER,
        },
      );
    await sleep(POLL_MS, context.signal);
    operation = await call(`/${name}`);
  }
  const response = isRecord(operation.response) ? operation.response : {};
  const project = projectOf(response.cloudaicompanionProject) ?? configured;
  if (project) return project;
  throw notSetUp(loaded);
}
