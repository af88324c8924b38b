// GitHub Copilot's chat completions (`POST …/chat/completions`), with the short-lived Copilot token from the token
// exchange as the bearer and the editor headers Copilot clients send. Otherwise OpenAI's chat completions.
import { COPILOT_EDITOR_HEADERS } from "@modelctl/model-ref";
import type { ApiAdapter } from "./family.js";
import { openAiChat } from "./openai-chat.js";

/**
 * The API base URL a Copilot token names for itself: its `proxy-ep=proxy.<plan>.githubcopilot.com` field becomes
 * `https://api.<plan>.githubcopilot.com` (business and enterprise seats are served there, not at the generic
 * `api.githubcopilot.com`). Only hosts under githubcopilot.com are taken: the token is sent wherever this points.
 */
export function copilotBaseUrl(token: string): string | undefined {
  const field = /(?:^|;)\s*proxy-ep=([^;\s]+)/i.exec(token)?.[1];
  const host = field
    ?.replace(/^https?:\/\//i, "")
    .replace(/\/+$/, "")
    .toLowerCase();
  if (!host || !/^proxy\.(?:[a-z0-9-]+\.)*githubcopilot\.com$/.test(host)) return undefined;
  return `https://api.${host.slice("proxy.".length)}`;
}

export const githubCopilotChat: ApiAdapter = {
  id: "github-copilot",
  minMaxTokens: openAiChat.minMaxTokens,
  build(input) {
    const request = openAiChat.build(input);
    return {
      ...request,
      headers: { ...request.headers, ...COPILOT_EDITOR_HEADERS },
    };
  },
  readSuccess: (body) => openAiChat.readSuccess(body),
  baseUrlOf: copilotBaseUrl,
};
