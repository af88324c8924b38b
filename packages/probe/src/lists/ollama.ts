// Ollama `GET {origin}/api/tags`: the models pulled on that server, `{ models: [{ name, model, size, … }] }`, in one
// page. Local servers need no key; Ollama's cloud takes a bearer token.
import { bearer, joinUrl } from "../families/family.js";
import { isRecord, type ModelListAdapter, model, modelsOf, text } from "./list-adapter.js";

export const ollamaModels: ModelListAdapter = {
  // Configs often point Ollama at its OpenAI-compatible `/v1`; the native API lives beside it.
  pageUrl: (baseUrl) => joinUrl(baseUrl, "/api/tags", "/v1"),
  headers: (secret) => bearer(secret),
  readPage(body) {
    if (!isRecord(body) || !Array.isArray(body.models)) return undefined;
    const models = modelsOf(body.models, (item) => {
      const id = text(item.name) ?? text(item.model);
      return id === undefined ? undefined : model(id, undefined, undefined, undefined);
    });
    return models && { models };
  },
};
