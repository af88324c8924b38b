// OpenAI chat completions, spoken by OpenAI-compatible providers (OpenRouter, Groq, Together, Mistral, xAI, …).
import { type ApiAdapter, bearer, isRecord, joinUrl, PROBE_PROMPT, usageFrom } from "./family.js";
import { lowestReasoningEffort } from "./openai-responses.js";

export const openAiChat: ApiAdapter = {
  id: "openai-completions",
  // Several compatible endpoints reject `max_tokens` below 16 (openclaw#65703); reasoning models need the room too.
  minMaxTokens: 16,
  build({ baseUrl, model, maxTokens, secret }) {
    // OpenAI's own reasoning models (`o3`, `gpt-5.2`) reject `max_tokens` and take a reasoning effort. Routed ids
    // (`openai/gpt-5` on OpenRouter) go through a gateway that translates, and other servers know only `max_tokens`,
    // so no reasoning knob is sent to them.
    const effort = model.includes("/") ? undefined : lowestReasoningEffort(model);
    const limit =
      effort === undefined
        ? { max_tokens: maxTokens }
        : { max_completion_tokens: maxTokens, reasoning_effort: effort };
    return {
      url: joinUrl(baseUrl, "/chat/completions"),
      headers: bearer(secret),
      body: { model, messages: [{ role: "user", content: PROBE_PROMPT }], ...limit, stream: false },
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
