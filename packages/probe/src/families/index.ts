// The request builder for an API family id, as the provider table and `models.providers.<id>.api` name them.
import { anthropicMessages } from "./anthropic.js";
import type { ApiFamily } from "./family.js";
import { geminiGenerateContent } from "./gemini.js";
import { ollamaChat } from "./ollama.js";
import { openAiChat } from "./openai-chat.js";
import { openAiResponses } from "./openai-responses.js";

const FAMILIES: Readonly<Record<string, ApiFamily>> = {
  "openai-completions": openAiChat,
  "openai-responses": openAiResponses,
  "anthropic-messages": anthropicMessages,
  "google-generative-ai": geminiGenerateContent,
  ollama: ollamaChat,
};

/** The families probes can speak. Others in the provider table (Codex, Copilot, Bedrock) need flows not built yet. */
export const PROBE_API_FAMILIES = Object.keys(FAMILIES);

export function familyOf(api: string): ApiFamily | undefined {
  return FAMILIES[api];
}

export type { ApiFamily } from "./family.js";
