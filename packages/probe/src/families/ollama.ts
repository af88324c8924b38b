// Ollama's native chat endpoint (`POST /api/chat`); local servers need no key, Ollama's cloud takes a bearer token.
import { type ApiAdapter, bearer, isRecord, joinUrl, PROBE_PROMPT, usageFrom } from "./family.js";

export const ollamaChat: ApiAdapter = {
  id: "ollama",
  minMaxTokens: 1,
  build({ baseUrl, model, maxTokens, secret }) {
    return {
      // Configs often point Ollama at its OpenAI-compatible `/v1`; the native API lives beside it.
      url: joinUrl(baseUrl, "/api/chat", "/v1"),
      headers: bearer(secret),
      body: {
        model,
        messages: [{ role: "user", content: PROBE_PROMPT }],
        stream: false,
        think: false,
        options: { num_predict: maxTokens },
      },
    };
  },
  readSuccess(body) {
    if (!isRecord(body) || (!isRecord(body.message) && body.done !== true)) return undefined;
    return { usage: usageFrom(body, { input: "prompt_eval_count", output: "eval_count" }) };
  },
};
