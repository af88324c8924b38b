// The adapter (request builder) for an API family id, as the provider table and `models.providers.<id>.api` name them.
import { anthropicMessages } from "./anthropic.js";
import type { ApiAdapter } from "./family.js";
import { geminiGenerateContent } from "./gemini.js";
import { geminiCodeAssist } from "./gemini-code-assist.js";
import { githubCopilotChat } from "./github-copilot.js";
import { ollamaChat } from "./ollama.js";
import { openAiChat } from "./openai-chat.js";
import { openAiCodexResponses } from "./openai-codex.js";
import { openAiResponses } from "./openai-responses.js";

const ADAPTERS: Readonly<Record<string, ApiAdapter>> = {
  "openai-completions": openAiChat,
  "openai-responses": openAiResponses,
  "anthropic-messages": anthropicMessages,
  "google-generative-ai": geminiGenerateContent,
  ollama: ollamaChat,
  "openai-codex-responses": openAiCodexResponses,
  "github-copilot": githubCopilotChat,
  "google-gemini-cli": geminiCodeAssist,
};

/** The families probes can speak. Bedrock, the one other in the provider table, needs AWS request signing. */
export const PROBE_API_FAMILIES = Object.keys(ADAPTERS);

export function adapterFor(api: string): ApiAdapter | undefined {
  return ADAPTERS[api];
}
