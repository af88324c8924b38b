// Anthropic messages (`POST /v1/messages`), also spoken by MiniMax, Kimi Coding and other Anthropic-compatible hosts.
import { type ApiAdapter, type AuthScheme, isRecord, joinUrl, PROBE_PROMPT, usageFrom } from "./family.js";

export const ANTHROPIC_VERSION = "2023-06-01";
/** Betas that Anthropic's OAuth access tokens and setup tokens (`sk-ant-oat…`) need, sent in `authorization`. */
export const ANTHROPIC_OAUTH_BETAS = "claude-code-20250219,oauth-2025-04-20";
/**
 * Anthropic serves subscription (OAuth) tokens only to requests whose system prompt starts with this line; without
 * it every model but Haiku answers 400 "Error" or even 429, which a probe would misread. Agents using these tokens
 * (OpenClaw among them) send it, so the probe does too: it checks the path the agent really takes.
 */
export const CLAUDE_CODE_SYSTEM = "You are Claude Code, Anthropic's official CLI for Claude.";

const isSubscriptionToken = (secret: string) => secret.startsWith("sk-ant-oat");

/**
 * How Anthropic takes a credential: an API key in `x-api-key`, a token as a bearer (with the betas subscription tokens
 * need), and the API version every request names. Shared by the probe and the model list.
 */
export function anthropicHeaders(secret: string | undefined, scheme: AuthScheme): Record<string, string> {
  const auth: Record<string, string> =
    secret === undefined
      ? {}
      : scheme === "bearer"
        ? {
            authorization: `Bearer ${secret}`,
            ...(isSubscriptionToken(secret) ? { "anthropic-beta": ANTHROPIC_OAUTH_BETAS } : {}),
          }
        : { "x-api-key": secret };
  return { ...auth, "anthropic-version": ANTHROPIC_VERSION };
}

export const anthropicMessages: ApiAdapter = {
  id: "anthropic-messages",
  minMaxTokens: 1,
  build({ baseUrl, model, maxTokens, secret, scheme }) {
    const subscription = secret !== undefined && scheme === "bearer" && isSubscriptionToken(secret);
    return {
      // Base URLs are written with or without the `/v1` (`https://api.anthropic.com`, `…/anthropic/v1`).
      url: joinUrl(baseUrl, "/v1/messages", "/v1"),
      headers: anthropicHeaders(secret, scheme),
      // Extended thinking is off unless asked for, so nothing is sent to turn it off.
      body: {
        model,
        max_tokens: maxTokens,
        ...(subscription ? { system: [{ type: "text", text: CLAUDE_CODE_SYSTEM }] } : {}),
        messages: [{ role: "user", content: PROBE_PROMPT }],
      },
    };
  },
  readSuccess(body) {
    if (!isRecord(body) || body.type !== "message") return undefined;
    return { usage: usageFrom(body.usage, { input: "input_tokens", output: "output_tokens" }) };
  },
};
