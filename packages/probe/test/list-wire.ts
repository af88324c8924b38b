// What each provider's model list endpoint really sends back (shapes from their API references, trimmed to a few
// models), and the error bodies those endpoints answer with.

export const OPENAI_LIST = {
  object: "list",
  data: [
    { id: "gpt-4.1-nano", object: "model", created: 1_744_316_542, owned_by: "system" },
    { id: "gpt-5.2", object: "model", created: 1_765_000_000, owned_by: "system" },
  ],
};

export const OPENROUTER_LIST = {
  data: [
    {
      id: "meta-llama/llama-3.3-70b-instruct:free",
      canonical_slug: "meta-llama/llama-3.3-70b-instruct",
      name: "Meta: Llama 3.3 70B Instruct (free)",
      created: 1_733_506_137,
      description: "The Meta Llama 3.3 multilingual large language model …",
      context_length: 131_072,
      architecture: { modality: "text->text", input_modalities: ["text"], output_modalities: ["text"] },
      pricing: { prompt: "0", completion: "0" },
      top_provider: { context_length: 131_072, max_completion_tokens: 8192, is_moderated: false },
      supported_parameters: ["max_tokens", "temperature", "tools"],
    },
    {
      id: "anthropic/claude-haiku-4.5",
      name: "Anthropic: Claude Haiku 4.5",
      context_length: 200_000,
      top_provider: { context_length: 200_000, max_completion_tokens: 64_000, is_moderated: true },
    },
  ],
};

export const GROQ_LIST = {
  object: "list",
  data: [
    {
      id: "openai/gpt-oss-120b",
      object: "model",
      created: 1_754_408_224,
      owned_by: "OpenAI",
      active: true,
      context_window: 131_072,
      public_apps: null,
      max_completion_tokens: 65_536,
    },
  ],
};

/** Together answers with a bare array, not `{ data }`. */
export const TOGETHER_LIST = [
  {
    id: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    object: "model",
    created: 1_733_443_200,
    type: "chat",
    display_name: "Meta Llama 3.3 70B Instruct Turbo",
    organization: "Meta",
    context_length: 131_072,
    pricing: { input: 0.88, output: 0.88 },
  },
];

export const MISTRAL_LIST = {
  object: "list",
  data: [
    {
      id: "mistral-small-latest",
      object: "model",
      created: 1_750_000_000,
      owned_by: "mistralai",
      capabilities: { completion_chat: true, function_calling: true, vision: true },
      name: "mistral-small-2506",
      description: "Our latest enterprise-grade small model.",
      max_context_length: 131_072,
      aliases: ["mistral-small-2506"],
      deprecation: null,
      type: "base",
    },
  ],
};

/** Anthropic, two pages: `has_more` and `last_id` ask for the second with `after_id`. */
export const ANTHROPIC_PAGES = [
  {
    data: [
      {
        type: "model",
        id: "claude-opus-4-6",
        display_name: "Claude Opus 4.6",
        created_at: "2026-02-04T00:00:00Z",
        max_input_tokens: 1_000_000,
        max_tokens: 128_000,
      },
      {
        type: "model",
        id: "claude-sonnet-4-5-20250929",
        display_name: "Claude Sonnet 4.5",
        created_at: "2025-09-29T00:00:00Z",
      },
    ],
    has_more: true,
    first_id: "claude-opus-4-6",
    last_id: "claude-sonnet-4-5-20250929",
  },
  {
    data: [
      {
        type: "model",
        id: "claude-haiku-4-5-20251001",
        display_name: "Claude Haiku 4.5",
        created_at: "2025-10-15T00:00:00Z",
        max_input_tokens: 0,
        max_tokens: 0,
      },
    ],
    has_more: false,
    first_id: "claude-haiku-4-5-20251001",
    last_id: "claude-haiku-4-5-20251001",
  },
];

/** Gemini, two pages linked by `nextPageToken`; names carry the `models/` prefix. */
export const GEMINI_PAGES = [
  {
    models: [
      {
        name: "models/gemini-2.5-flash",
        version: "001",
        displayName: "Gemini 2.5 Flash",
        description: "Stable version of Gemini 2.5 Flash.",
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: ["generateContent", "countTokens", "createCachedContent"],
        thinking: true,
      },
    ],
    nextPageToken: "Ch1tb2RlbHMvZ2VtaW5pLTIuNS1mbGFzaA==",
  },
  {
    models: [
      {
        name: "models/gemini-2.5-pro",
        displayName: "Gemini 2.5 Pro",
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: ["generateContent"],
      },
    ],
  },
];

export const OLLAMA_TAGS = {
  models: [
    {
      name: "llama3.2:latest",
      model: "llama3.2:latest",
      modified_at: "2026-10-03T23:34:03.409490317-07:00",
      size: 2_019_393_189,
      digest: "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
      details: { format: "gguf", family: "llama", parameter_size: "3.2B", quantization_level: "Q4_K_M" },
    },
    { name: "gemma3", model: "gemma3", size: 3_338_801_804, details: { family: "gemma" } },
  ],
};

export const openAiError = (message: string, type: string, code: string | null) => ({
  error: { message, type, param: null, code },
});
export const anthropicError = (type: string, message: string) => ({
  type: "error",
  error: { type, message },
});
export const geminiError = (code: number, status: string, message: string, reason?: string) => ({
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
