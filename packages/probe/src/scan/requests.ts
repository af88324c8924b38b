// The two requests a scan sends each candidate (OpenAI chat completions, as OpenRouter speaks it) and how each reply
// is judged: the tool probe is ok when a tool call comes back, the image probe when text does.
import { classifyHttp, readProviderError } from "../classify.js";
import { bearer, isRecord, joinUrl, usageFrom } from "../families/family.js";
import type { PreparedRequest, ReplyVerdict } from "../probe.js";

export const TOOL_PROMPT = "Call the ping tool with {} and nothing else.";
export const IMAGE_PROMPT = "Reply with OK.";
/** Room for a tool call, also after a little reasoning. */
export const TOOL_MAX_TOKENS = 256;
export const IMAGE_MAX_TOKENS = 16;

/** A 1×1 white PNG, made for this probe (69 bytes). */
const PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4//8/AAX+Av4zEpUUAAAAAElFTkSuQmCC";

const PING_TOOL = {
  type: "function",
  function: {
    name: "ping",
    description: "Return OK.",
    parameters: { type: "object", properties: {}, additionalProperties: false },
  },
} as const;

const API = "openai-completions";

const usageOf = (body: Record<string, unknown>) =>
  usageFrom(body.usage, { input: "prompt_tokens", output: "completion_tokens", total: "total_tokens" });

/**
 * The first choice of a chat completion, or undefined when the body is not one. A failure OpenRouter reports inside
 * a 200 (the model failed after it started answering: `choices[0].error`) becomes a verdict of its own.
 */
function firstChoice(body: unknown): { choice: Record<string, unknown> } | ReplyVerdict | undefined {
  if (!isRecord(body) || !Array.isArray(body.choices)) return undefined;
  const [choice] = body.choices;
  // No choice at all is an answer without a tool call or text, not a reply of another shape.
  if (choice === undefined) return { choice: {} };
  if (!isRecord(choice)) return undefined;
  if (isRecord(choice.error)) {
    const error = readProviderError({ error: choice.error });
    const code = Number(choice.error.code);
    const providerCode = error?.codes[0];
    return {
      ok: false,
      status: classifyHttp(code >= 400 && code < 600 ? code : 502, error),
      reasonCode: "error_in_reply",
      ...(providerCode === undefined ? {} : { providerCode }),
      error: `The model failed while answering: ${error?.message ?? "(no message)"}`,
    };
  }
  return { choice };
}

const finishReason = (choice: Record<string, unknown>) =>
  typeof choice.finish_reason === "string" ? choice.finish_reason : "none";

/** The tool probe: one `ping` function the model is required to call. */
export function toolRequest(baseUrl: string, model: string, secret: string | undefined): PreparedRequest {
  return {
    api: API,
    request: {
      url: joinUrl(baseUrl, "/chat/completions"),
      headers: bearer(secret),
      body: {
        model,
        messages: [{ role: "user", content: TOOL_PROMPT }],
        tools: [PING_TOOL],
        tool_choice: "required",
        max_tokens: TOOL_MAX_TOKENS,
        temperature: 0,
        stream: false,
      },
    },
    judge(body) {
      const found = firstChoice(body);
      if (found === undefined || !("choice" in found)) return found;
      const message = isRecord(found.choice.message) ? found.choice.message : {};
      if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0)
        return { ok: true, usage: usageOf(body as Record<string, unknown>) };
      return {
        ok: false,
        status: "format",
        reasonCode: "no_tool_call",
        error: `The model answered without calling the tool (finish_reason: ${finishReason(found.choice)}).`,
      };
    },
  };
}

/** Whether a message's content holds text: a non-blank string, or a text part that is one. */
function hasText(content: unknown): boolean {
  if (typeof content === "string") return content.trim() !== "";
  return (
    Array.isArray(content) &&
    content.some((part) => isRecord(part) && typeof part.text === "string" && part.text.trim() !== "")
  );
}

/** The image probe: a 1×1 PNG as a data URL, and a request for a short answer. */
export function imageRequest(baseUrl: string, model: string, secret: string | undefined): PreparedRequest {
  return {
    api: API,
    request: {
      url: joinUrl(baseUrl, "/chat/completions"),
      headers: bearer(secret),
      body: {
        model,
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: IMAGE_PROMPT },
              { type: "image_url", image_url: { url: `data:image/png;base64,${PIXEL_PNG}` } },
            ],
          },
        ],
        max_tokens: IMAGE_MAX_TOKENS,
        temperature: 0,
        stream: false,
      },
    },
    judge(body) {
      const found = firstChoice(body);
      if (found === undefined || !("choice" in found)) return found;
      const message = isRecord(found.choice.message) ? found.choice.message : {};
      if (hasText(message.content)) return { ok: true, usage: usageOf(body as Record<string, unknown>) };
      return {
        ok: false,
        status: "format",
        reasonCode: "empty_reply",
        error: `The model answered with no text (finish_reason: ${finishReason(found.choice)}).`,
      };
    },
  };
}
