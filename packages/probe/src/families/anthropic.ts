// Anthropic messages (`POST /v1/messages`), also spoken by MiniMax, Kimi Coding and other Anthropic-compatible hosts.
import { type ApiFamily, isRecord, joinUrl, PROBE_PROMPT, usageFrom } from "./family.js";

export const ANTHROPIC_VERSION = "2023-06-01";
/** Needed with OAuth access tokens and setup tokens (`sk-ant-oat…`), which go in `authorization`, not `x-api-key`. */
export const ANTHROPIC_OAUTH_BETA = "oauth-2025-04-20";

export const anthropicMessages: ApiFamily = {
  id: "anthropic-messages",
  minMaxTokens: 1,
  build({ baseUrl, model, maxTokens, secret, scheme }) {
    const auth: Record<string, string> =
      secret === undefined
        ? {}
        : scheme === "bearer"
          ? { authorization: `Bearer ${secret}`, "anthropic-beta": ANTHROPIC_OAUTH_BETA }
          : { "x-api-key": secret };
    return {
      // Base URLs are written with or without the `/v1` (`https://api.anthropic.com`, `…/anthropic/v1`).
      url: joinUrl(baseUrl.replace(/\/+$/, "").replace(/\/v1$/, ""), "/v1/messages"),
      headers: { ...auth, "anthropic-version": ANTHROPIC_VERSION },
      // Extended thinking is off unless asked for, so nothing is sent to turn it off.
      body: { model, max_tokens: maxTokens, messages: [{ role: "user", content: PROBE_PROMPT }] },
    };
  },
  readSuccess(body) {
    if (!isRecord(body) || body.type !== "message") return undefined;
    return { usage: usageFrom(body.usage, { input: "input_tokens", output: "output_tokens" }) };
  },
};
