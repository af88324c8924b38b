// Anthropic `GET {baseUrl}/v1/models?limit=1000`, also spoken by Anthropic-compatible hosts (MiniMax): pages of
// `{ data: [{ id, display_name, max_input_tokens?, max_tokens? }], has_more, first_id, last_id }`, the next asked for
// with `after_id=<last_id>`.
import { anthropicHeaders } from "../families/anthropic.js";
import { joinUrl } from "../families/family.js";
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

export const anthropicModels: ModelListAdapter = {
  // Base URLs are written with or without the `/v1` (`https://api.anthropic.com`, `…/anthropic/v1`).
  pageUrl: (baseUrl, cursor) =>
    withQuery(joinUrl(baseUrl, "/v1/models", "/v1"), { limit: PAGE_SIZE, after_id: cursor }),
  headers: anthropicHeaders,
  readPage(body) {
    if (!isRecord(body) || !Array.isArray(body.data)) return undefined;
    const models = modelsOf(body.data, (item) => {
      const id = text(item.id);
      return id === undefined
        ? undefined
        : model(
            id,
            text(item.display_name),
            positiveInt(item.max_input_tokens),
            positiveInt(item.max_tokens),
          );
    });
    if (!models) return undefined;
    if (body.has_more !== true) return { models };
    // More to come and no cursor to ask for it with: not a list we can finish.
    const next = text(body.last_id);
    return next === undefined ? undefined : { models, next };
  },
};
