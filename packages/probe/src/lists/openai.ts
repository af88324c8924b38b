// OpenAI-compatible `GET {baseUrl}/models` (OpenAI, OpenRouter, Groq, Mistral, xAI, DeepSeek, LM Studio, vLLM, …):
// `{ object: "list", data: [{ id, … }] }`, or a bare array of the same records (Together). One page: the API has no
// cursor. Providers add what they know beside the id; the cheap, well-known fields are kept.
import { bearer, joinUrl } from "../families/family.js";
import { isRecord, type ModelListAdapter, model, modelsOf, positiveInt, text } from "./list-adapter.js";

export const openAiModels: ModelListAdapter = {
  pageUrl: (baseUrl) => joinUrl(baseUrl, "/models"),
  headers: (secret) => bearer(secret),
  readPage(body) {
    const items = Array.isArray(body)
      ? body
      : isRecord(body) && Array.isArray(body.data)
        ? body.data
        : undefined;
    if (!items) return undefined;
    const models = modelsOf(items, (item) => {
      const id = text(item.id);
      if (id === undefined) return undefined;
      const top = isRecord(item.top_provider) ? item.top_provider : {};
      return model(
        id,
        text(item.name) ?? text(item.display_name),
        // OpenRouter, Together: context_length; Groq: context_window; Mistral: max_context_length; vLLM: max_model_len.
        positiveInt(
          item.context_length,
          item.context_window,
          item.max_context_length,
          item.max_model_len,
          top.context_length,
        ),
        // OpenRouter: top_provider.max_completion_tokens; Groq: max_completion_tokens.
        positiveInt(top.max_completion_tokens, item.max_completion_tokens, item.max_output_tokens),
      );
    });
    return models && { models };
  },
};
