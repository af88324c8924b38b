// OpenAI Codex through a ChatGPT sign-in: the responses API of the ChatGPT backend (`POST …/codex/responses`), in the
// shape the Codex CLI sends. The backend only streams, so the reply is read as events until the model starts answering.
import { readProviderError } from "../classify.js";
import { type ApiAdapter, bearer, isRecord, joinUrl, PROBE_PROMPT, usageFrom } from "./family.js";
import { openAiResponses } from "./openai-responses.js";

/** What the Codex CLI calls itself; the backend serves first-party clients by it. */
export const CODEX_ORIGINATOR = "codex_cli_rs";
/** The instructions (the backend's system prompt, which it requires and which may not travel as a message). */
export const CODEX_PROBE_INSTRUCTIONS = "You are a connectivity check. Answer in one word.";

const usageOf = (response: unknown) =>
  isRecord(response)
    ? usageFrom(response.usage, { input: "input_tokens", output: "output_tokens", total: "total_tokens" })
    : undefined;

/** A failure event: `response.failed` carries `response.error`, an `error` event the error itself or in `error`. */
function failureOf(data: Record<string, unknown>) {
  const nested = data.type === "response.failed" && isRecord(data.response) ? data.response : data;
  const error = isRecord(nested.error) ? nested.error : nested;
  return (
    readProviderError({ error }) ?? { message: "The stream reported a failure without details.", codes: [] }
  );
}

export const openAiCodexResponses: ApiAdapter = {
  id: "openai-codex-responses",
  // Nothing to raise: the backend rejects `max_output_tokens` (and every other sampling knob), so none is sent.
  minMaxTokens: 1,
  build({ baseUrl, model, secret, accountId }) {
    return {
      url: joinUrl(baseUrl, "/codex/responses"),
      headers: {
        ...bearer(secret),
        ...(accountId === undefined ? {} : { "chatgpt-account-id": accountId }),
        "openai-beta": "responses=experimental",
        originator: CODEX_ORIGINATOR,
        accept: "text/event-stream",
      },
      // The Codex CLI's request, less what a one-turn probe has no use for (tools, cache key, reasoning summaries).
      // No reasoning effort either: the lowest each model accepts differs (codex-mini takes nothing below medium),
      // and reading stops at the first word of the answer.
      body: {
        model,
        instructions: CODEX_PROBE_INSTRUCTIONS,
        input: [{ type: "message", role: "user", content: [{ type: "input_text", text: PROBE_PROMPT }] }],
        tools: [],
        tool_choice: "auto",
        parallel_tool_calls: false,
        store: false,
        stream: true,
        include: [],
      },
    };
  },
  // A server that ignores `stream` and answers with the whole response object is read as the responses API is.
  readSuccess: (body) => openAiResponses.readSuccess(body),
  readEvent({ event, data }) {
    if (!isRecord(data)) return undefined;
    const type = typeof data.type === "string" ? data.type : event;
    switch (type) {
      // The first piece of the answer is proof enough; the rest (and the usage at the end) is not waited for.
      case "response.output_text.delta":
        return { ok: true };
      // A reply that ended before any text came (an empty answer, or one cut short) still came from the model.
      case "response.completed":
      case "response.done":
      case "response.incomplete":
        return { ok: true, usage: usageOf(data.response) };
      case "response.failed":
      case "error":
        return { ok: false, error: failureOf(data) };
      default:
        return undefined;
    }
  },
  missing({ accountId }) {
    return accountId === undefined
      ? "the ChatGPT backend needs the login's account id (the profile's accountId), and none was given; sign in again to record it"
      : undefined;
  },
};
