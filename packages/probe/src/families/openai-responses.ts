// OpenAI responses API (`POST /responses`).
import { type ApiAdapter, bearer, isRecord, joinUrl, PROBE_PROMPT, usageFrom } from "./family.js";

/**
 * The lowest reasoning effort a model accepts, or undefined for models without reasoning (which reject the field).
 * gpt-5.1 and later accept `none`, gpt-5 `minimal`, the o-series `low`.
 */
export function lowestReasoningEffort(model: string): string | undefined {
  const id = model.toLowerCase().split("/").pop() ?? "";
  if (/^o\d/.test(id)) return "low";
  const gpt5 = /^gpt-5(?:\.(\d+))?/.exec(id);
  if (!gpt5) return undefined;
  if (id.includes("codex") || id.includes("-pro")) return "low";
  return gpt5[1] === undefined ? "minimal" : "none";
}

export const openAiResponses: ApiAdapter = {
  id: "openai-responses",
  // The API rejects `max_output_tokens` below 16.
  minMaxTokens: 16,
  build({ baseUrl, model, maxTokens, secret }) {
    const effort = lowestReasoningEffort(model);
    return {
      url: joinUrl(baseUrl, "/responses"),
      headers: bearer(secret),
      body: {
        model,
        input: PROBE_PROMPT,
        max_output_tokens: maxTokens,
        // Nothing to keep: the probe is not a conversation.
        store: false,
        ...(effort === undefined ? {} : { reasoning: { effort } }),
      },
    };
  },
  readSuccess(body) {
    if (!isRecord(body) || (body.object !== "response" && !Array.isArray(body.output))) return undefined;
    return {
      usage: usageFrom(body.usage, { input: "input_tokens", output: "output_tokens", total: "total_tokens" }),
    };
  },
};
