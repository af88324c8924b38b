// What each API family's servers really send back: success bodies and the error bodies their docs show.

export const SUCCESS = {
  "openai-completions": {
    id: "chatcmpl-probe",
    object: "chat.completion",
    created: 1_795_430_000,
    model: "gpt-4.1-nano",
    choices: [{ index: 0, message: { role: "assistant", content: "OK" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 14, completion_tokens: 1, total_tokens: 15 },
  },
  "openai-responses": {
    id: "resp_probe",
    object: "response",
    status: "completed",
    output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "OK" }] }],
    usage: { input_tokens: 14, output_tokens: 2, total_tokens: 16 },
  },
  "anthropic-messages": {
    id: "msg_probe",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5",
    content: [{ type: "text", text: "OK" }],
    stop_reason: "end_turn",
    usage: { input_tokens: 16, output_tokens: 4 },
  },
  "google-generative-ai": {
    candidates: [{ content: { parts: [{ text: "OK" }], role: "model" }, finishReason: "STOP" }],
    usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 1, totalTokenCount: 9 },
  },
  ollama: {
    model: "llama3.2",
    created_at: "2026-11-23T10:00:00Z",
    message: { role: "assistant", content: "OK" },
    done: true,
    done_reason: "stop",
    prompt_eval_count: 12,
    eval_count: 2,
  },
} as const;

/** The token counts each SUCCESS body reports, as results carry them. */
export const SUCCESS_USAGE = {
  "openai-completions": { inputTokens: 14, outputTokens: 1, totalTokens: 15 },
  "openai-responses": { inputTokens: 14, outputTokens: 2, totalTokens: 16 },
  "anthropic-messages": { inputTokens: 16, outputTokens: 4, totalTokens: 20 },
  "google-generative-ai": { inputTokens: 8, outputTokens: 1, totalTokens: 9 },
  ollama: { inputTokens: 12, outputTokens: 2, totalTokens: 14 },
} as const;

export type Family = keyof typeof SUCCESS;
export const FAMILIES = Object.keys(SUCCESS) as Family[];

export interface ErrorCase {
  readonly name: string;
  readonly family: Family;
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  readonly expected: string;
  readonly providerCode?: string;
}

const openAiError = (message: string, type: string, code: string | null) => ({
  error: { message, type, param: null, code },
});
const anthropicError = (type: string, message: string) => ({ type: "error", error: { type, message } });
const geminiError = (code: number, status: string, message: string, reason?: string) => ({
  error: {
    code,
    message,
    status,
    ...(reason
      ? {
          details: [
            { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com" },
          ],
        }
      : {}),
  },
});

export const ERROR_CASES: readonly ErrorCase[] = [
  {
    name: "OpenAI invalid key",
    family: "openai-responses",
    status: 401,
    body: openAiError(
      "Incorrect API key provided: sk-bad. You can find your API key at https://platform.openai.com/account/api-keys.",
      "invalid_request_error",
      "invalid_api_key",
    ),
    expected: "auth",
    providerCode: "invalid_api_key",
  },
  {
    name: "OpenAI rate limit",
    family: "openai-completions",
    status: 429,
    body: openAiError(
      "Rate limit reached for gpt-4.1-nano on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
      "requests",
      "rate_limit_exceeded",
    ),
    headers: {
      "retry-after": "20",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-limit-requests": "3",
    },
    expected: "rate_limit",
    providerCode: "rate_limit_exceeded",
  },
  {
    name: "OpenAI quota",
    family: "openai-responses",
    status: 429,
    body: openAiError(
      "You exceeded your current quota, please check your plan and billing details.",
      "insufficient_quota",
      "insufficient_quota",
    ),
    expected: "billing",
    providerCode: "insufficient_quota",
  },
  {
    name: "OpenAI unknown model",
    family: "openai-responses",
    status: 404,
    body: openAiError(
      "The model `gpt-nope` does not exist or you do not have access to it.",
      "invalid_request_error",
      "model_not_found",
    ),
    expected: "format",
    providerCode: "model_not_found",
  },
  {
    name: "OpenAI overloaded",
    family: "openai-completions",
    status: 503,
    body: openAiError("The engine is currently overloaded, please try again later.", "server_error", null),
    expected: "overloaded",
  },
  {
    name: "OpenRouter out of credits",
    family: "openai-completions",
    status: 402,
    body: {
      error: {
        code: 402,
        message: "Insufficient credits. Add more using https://openrouter.ai/settings/credits",
      },
    },
    expected: "billing",
  },
  {
    name: "Anthropic invalid key",
    family: "anthropic-messages",
    status: 401,
    body: anthropicError("authentication_error", "invalid x-api-key"),
    expected: "auth",
    providerCode: "authentication_error",
  },
  {
    name: "Anthropic permission",
    family: "anthropic-messages",
    status: 403,
    body: anthropicError(
      "permission_error",
      "Your API key does not have permission to use the specified resource.",
    ),
    expected: "auth",
  },
  {
    name: "Anthropic low credit",
    family: "anthropic-messages",
    status: 400,
    body: anthropicError(
      "invalid_request_error",
      "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
    ),
    expected: "billing",
  },
  {
    name: "Anthropic rate limit",
    family: "anthropic-messages",
    status: 429,
    body: anthropicError(
      "rate_limit_error",
      "Number of request tokens has exceeded your per-minute rate limit.",
    ),
    headers: {
      "retry-after": "7",
      "anthropic-ratelimit-requests-remaining": "0",
      "anthropic-ratelimit-requests-reset": "2026-11-23T10:00:07Z",
    },
    expected: "rate_limit",
    providerCode: "rate_limit_error",
  },
  {
    name: "Anthropic overloaded",
    family: "anthropic-messages",
    status: 529,
    body: anthropicError("overloaded_error", "Overloaded"),
    expected: "overloaded",
    providerCode: "overloaded_error",
  },
  {
    name: "Anthropic unknown model",
    family: "anthropic-messages",
    status: 404,
    body: anthropicError("not_found_error", "model: claude-nope"),
    expected: "format",
  },
  {
    name: "Anthropic context too long",
    family: "anthropic-messages",
    status: 400,
    body: anthropicError("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"),
    expected: "format",
  },
  {
    name: "Gemini invalid key (a 400)",
    family: "google-generative-ai",
    status: 400,
    body: geminiError(
      400,
      "INVALID_ARGUMENT",
      "API key not valid. Please pass a valid API key.",
      "API_KEY_INVALID",
    ),
    expected: "auth",
    providerCode: "API_KEY_INVALID",
  },
  {
    name: "Gemini quota",
    family: "google-generative-ai",
    status: 429,
    body: geminiError(
      429,
      "RESOURCE_EXHAUSTED",
      "You exceeded your current quota, please check your plan and billing details.",
    ),
    expected: "rate_limit",
  },
  {
    name: "Gemini overloaded",
    family: "google-generative-ai",
    status: 503,
    body: geminiError(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
    expected: "overloaded",
  },
  {
    name: "Gemini unknown model",
    family: "google-generative-ai",
    status: 404,
    body: geminiError(404, "NOT_FOUND", "models/gemini-nope is not found for API version v1beta."),
    expected: "format",
  },
  {
    name: "Ollama model not pulled",
    family: "ollama",
    status: 404,
    body: { error: 'model "llama3.2" not found, try pulling it first' },
    expected: "format",
  },
  {
    name: "A proxy's HTML error page",
    family: "openai-completions",
    status: 502,
    body: "<html><body>Bad Gateway</body></html>",
    expected: "unknown",
  },
];
