// Gemini `GET {baseUrl}/models?pageSize=1000` (the base holds the version, `…/v1beta`): pages of
// `{ models: [{ name: "models/…", displayName, inputTokenLimit, outputTokenLimit }], nextPageToken? }`. The key goes
// in `x-goog-api-key`, never in the URL.

import { joinUrl } from "../families/family.js";
import { geminiHeaders } from "../families/gemini.js";
import {
  isRecord,
  type ModelListAdapter,
  model,
  modelsOf,
  positiveInt,
  text,
  withQuery,
} from "./list-adapter.js";

/** The most the API returns per page. */
const PAGE_SIZE = "1000";

/** `…/v1beta/models`; a bare host (`https://generativelanguage.googleapis.com`) gets the version the table uses. */
function listUrl(baseUrl: string): string {
  const bare = new URL(baseUrl).pathname.replace(/\/+$/, "") === "";
  return joinUrl(baseUrl, bare ? "/v1beta/models" : "/models");
}

export const geminiModels: ModelListAdapter = {
  pageUrl: (baseUrl, cursor) => withQuery(listUrl(baseUrl), { pageSize: PAGE_SIZE, pageToken: cursor }),
  headers: geminiHeaders,
  readPage(body) {
    if (!isRecord(body) || !Array.isArray(body.models)) return undefined;
    const models = modelsOf(body.models, (item) => {
      // `models/gemini-2.5-flash` → `gemini-2.5-flash`, the id a ref and generateContent take.
      const id = text(item.name)?.replace(/^models\//, "");
      return id
        ? model(
            id,
            text(item.displayName),
            positiveInt(item.inputTokenLimit),
            positiveInt(item.outputTokenLimit),
          )
        : undefined;
    });
    return models && { models, next: text(body.nextPageToken) };
  },
};
