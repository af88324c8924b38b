// The model list reader for an API family id, as the provider table and `models.providers.<id>.api` name them.
import { anthropicModels } from "./anthropic.js";
import { geminiModels } from "./gemini.js";
import type { ModelListAdapter } from "./list-adapter.js";
import { ollamaModels } from "./ollama.js";
import { openAiModels } from "./openai.js";

const LISTS: Readonly<Record<string, ModelListAdapter>> = {
  "openai-completions": openAiModels,
  "openai-responses": openAiModels,
  "anthropic-messages": anthropicModels,
  "google-generative-ai": geminiModels,
  ollama: ollamaModels,
};

/** The families whose model lists can be read. Others (Codex, Copilot, Bedrock) need flows not built yet. */
export const LIST_API_FAMILIES = Object.keys(LISTS);

export function listAdapterFor(api: string): ModelListAdapter | undefined {
  return Object.hasOwn(LISTS, api) ? LISTS[api] : undefined;
}
