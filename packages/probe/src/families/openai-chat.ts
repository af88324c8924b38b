// OpenAI chat completions, spoken by OpenAI-compatible providers (OpenRouter, Groq, Together, Mistral, xAI, …).
import { type ApiFamily, bearer, isRecord, joinUrl, PROBE_PROMPT, usageFrom } from "./family.js";

export const openAiChat: ApiFamily = {
  id: "openai-completions",
  // Several compatible endpoints reject `max_tokens` below 16 (openclaw#65703); reasoning models need the room too.
  minMaxTokens: 16,
  build({ baseUrl, model, maxTokens, secret }) {
    return {
      url: joinUrl(baseUrl, "/chat/completions"),
      headers: bearer(secret),
      // `max_tokens` (not `max_completion_tokens`) is the one every compatible server knows; no reasoning knob is
      // common to them, so none is sent.
      body: {
        model,
        messages: [{ role: "user", content: PROBE_PROMPT }],
        max_tokens: maxTokens,
        stream: false,
      },
    };
  },
  readSuccess(body) {
    if (!isRecord(body) || !Array.isArray(body.choices)) return undefined;
    return {
      usage: usageFrom(body.usage, {
        input: "prompt_tokens",
        output: "completion_tokens",
        total: "total_tokens",
      }),
    };
  },
};
