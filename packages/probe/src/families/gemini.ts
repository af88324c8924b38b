// Google Gemini `generateContent`. The key travels in `x-goog-api-key`, never in the URL, where logs and proxies
// would keep it.
import { type ApiAdapter, type AuthScheme, isRecord, joinUrl, PROBE_PROMPT, usageFrom } from "./family.js";

/** Thinking off where the model allows it: 2.5 Flash models take a zero budget, Gemini 3 its lowest level. */
export function thinkingConfig(model: string): Record<string, unknown> | undefined {
  const id = model.toLowerCase();
  if (/gemini-2\.5-flash/.test(id)) return { thinkingBudget: 0 };
  if (/gemini-3/.test(id)) return { thinkingLevel: "low" };
  return undefined;
}

/** An API key in `x-goog-api-key` (never in the URL), an OAuth token as a bearer. Shared by the probe and the model list. */
export const geminiHeaders = (secret: string | undefined, scheme: AuthScheme): Record<string, string> =>
  secret === undefined
    ? {}
    : scheme === "bearer"
      ? { authorization: `Bearer ${secret}` }
      : { "x-goog-api-key": secret };

export const geminiGenerateContent: ApiAdapter = {
  id: "google-generative-ai",
  minMaxTokens: 1,
  build({ baseUrl, model, maxTokens, secret, scheme }) {
    const id = model.replace(/^models\//, "");
    const thinking = thinkingConfig(id);
    return {
      url: joinUrl(baseUrl, `/models/${encodeURIComponent(id)}:generateContent`),
      headers: geminiHeaders(secret, scheme),
      body: {
        contents: [{ role: "user", parts: [{ text: PROBE_PROMPT }] }],
        generationConfig: {
          maxOutputTokens: maxTokens,
          ...(thinking === undefined ? {} : { thinkingConfig: thinking }),
        },
      },
    };
  },
  readSuccess(body) {
    if (!isRecord(body) || (!Array.isArray(body.candidates) && !isRecord(body.usageMetadata)))
      return undefined;
    return {
      usage: usageFrom(body.usageMetadata, {
        input: "promptTokenCount",
        output: "candidatesTokenCount",
        total: "totalTokenCount",
      }),
    };
  },
};
