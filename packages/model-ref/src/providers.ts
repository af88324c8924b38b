// The provider table as data: canonical ids, accepted spellings, API family, base URL, env vars, a cheap probe model.
import { ModelRefError, quote } from "./errors.js";

/** The wire protocol a provider speaks; probe request builders are chosen by it. */
export type ApiFamily =
  | "openai-completions"
  | "openai-responses"
  | "openai-codex-responses"
  | "anthropic-messages"
  | "google-generative-ai"
  | "ollama"
  | "github-copilot"
  | "google-gemini-cli"
  | "bedrock-converse-stream";

/**
 * How a provider lets a user in: a key (`api-key`), a pasted bearer token such as Anthropic's setup-token (`token`),
 * a browser sign-in (`oauth`), a code typed on another device (`device-code`), a cloud SDK's own credentials
 * (`cloud-credentials`: AWS, Google Cloud), or nothing at all for a server on this machine (`local`).
 */
export type AuthMethod = "api-key" | "token" | "oauth" | "device-code" | "cloud-credentials" | "local";

export interface ProviderInfo {
  /** Canonical id, the part before the first `/` of a model ref. */
  readonly id: string;
  /**
   * Other spellings of this same provider, matched after lower-casing: exactly the ones the reference collapses
   * (openclaw 2026.4.27, `normalizeProviderId`). A name the reference keeps as an id of its own (`codex`, `gemini`,
   * `copilot`) is not a spelling, even where it sounds like one: OpenClaw stores, groups and looks up env vars under it.
   */
  readonly aliases: readonly string[];
  readonly displayName: string;
  readonly api: ApiFamily;
  /** Default endpoint; `models.providers.<id>.baseUrl` in the config overrides it. */
  readonly baseUrl: string;
  /** Env vars that may hold the credential, in the order they are tried (first non-empty wins). */
  readonly envVars: readonly string[];
  /** Stored values that name where a credential lives instead of being one (`ollama-local`). */
  readonly markers: readonly string[];
  /** A cheap model for live probes; undefined where no model can be assumed (local servers). */
  readonly probeModel: string | undefined;
  /** Runs on the user's machine by default. */
  readonly local: boolean;
  /** The ways the provider itself offers to authenticate, the usual one first. */
  readonly authMethods: readonly AuthMethod[];
}

type Row = [
  id: string,
  displayName: string,
  api: ApiFamily,
  baseUrl: string,
  envVars: readonly string[],
  probeModel: string | undefined,
  extra?: {
    aliases?: readonly string[];
    markers?: readonly string[];
    local?: boolean;
    /** When not just `api-key` (or `local` + `api-key` for a local server, nothing without env vars). */
    auth?: readonly AuthMethod[];
  },
];

// Env var names follow the reference's provider manifests (openclaw 2026.4.27, provider-env-vars.txt).
const rows: readonly Row[] = [
  [
    "anthropic",
    "Anthropic",
    "anthropic-messages",
    "https://api.anthropic.com",
    ["ANTHROPIC_OAUTH_TOKEN", "ANTHROPIC_API_KEY"],
    "claude-haiku-4-5",
    { auth: ["api-key", "token"] },
  ],
  ["openai", "OpenAI", "openai-responses", "https://api.openai.com/v1", ["OPENAI_API_KEY"], "gpt-4.1-nano"],
  [
    "openai-codex",
    "OpenAI Codex (ChatGPT sign-in)",
    "openai-codex-responses",
    "https://chatgpt.com/backend-api",
    [],
    "gpt-5.1-codex-mini",
    { auth: ["oauth", "device-code"] },
  ],
  // The reference's `codex` plugin: OpenAI models through the local Codex app-server, which holds the sign-in (its
  // credential is the `codex-app-server` marker, never a key). Not a spelling of openai-codex.
  [
    "codex",
    "Codex (app-server)",
    "openai-codex-responses",
    "https://chatgpt.com/backend-api",
    [],
    "gpt-5.4-mini",
    { markers: ["codex-app-server"], auth: ["local"] },
  ],
  [
    "google",
    "Google Gemini",
    "google-generative-ai",
    "https://generativelanguage.googleapis.com/v1beta",
    ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    "gemini-2.5-flash-lite",
  ],
  // Gemini through a Gemini CLI sign-in: Google's Code Assist API (gemini-cli's code_assist/server.ts), which takes the
  // OAuth token and the Code Assist project found at sign-in, not an API key.
  [
    "google-gemini-cli",
    "Google Gemini CLI (Code Assist)",
    "google-gemini-cli",
    "https://cloudcode-pa.googleapis.com",
    [],
    "gemini-2.5-flash",
    { auth: ["oauth"] },
  ],
  [
    "openrouter",
    "OpenRouter",
    "openai-completions",
    "https://openrouter.ai/api/v1",
    ["OPENROUTER_API_KEY"],
    "openai/gpt-4.1-nano",
  ],
  [
    "groq",
    "Groq",
    "openai-completions",
    "https://api.groq.com/openai/v1",
    ["GROQ_API_KEY"],
    "llama-3.1-8b-instant",
  ],
  [
    "mistral",
    "Mistral",
    "openai-completions",
    "https://api.mistral.ai/v1",
    ["MISTRAL_API_KEY"],
    "mistral-small-latest",
  ],
  ["xai", "xAI", "openai-completions", "https://api.x.ai/v1", ["XAI_API_KEY"], "grok-3-mini"],
  [
    "deepseek",
    "DeepSeek",
    "openai-completions",
    "https://api.deepseek.com/v1",
    ["DEEPSEEK_API_KEY"],
    "deepseek-chat",
  ],
  [
    "together",
    "Together AI",
    "openai-completions",
    "https://api.together.xyz/v1",
    ["TOGETHER_API_KEY"],
    "meta-llama/Llama-3.2-3B-Instruct-Turbo",
  ],
  [
    "fireworks",
    "Fireworks AI",
    "openai-completions",
    "https://api.fireworks.ai/inference/v1",
    ["FIREWORKS_API_KEY"],
    "accounts/fireworks/models/llama-v3p1-8b-instruct",
  ],
  [
    "cerebras",
    "Cerebras",
    "openai-completions",
    "https://api.cerebras.ai/v1",
    ["CEREBRAS_API_KEY"],
    "llama3.1-8b",
  ],
  [
    "ollama",
    "Ollama",
    "ollama",
    "http://127.0.0.1:11434",
    ["OLLAMA_API_KEY"],
    undefined,
    { markers: ["ollama-local"], local: true },
  ],
  [
    "lmstudio",
    "LM Studio",
    "openai-completions",
    "http://127.0.0.1:1234/v1",
    ["LM_API_TOKEN"],
    undefined,
    { markers: ["lmstudio-local"], local: true },
  ],
  [
    "vllm",
    "vLLM",
    "openai-completions",
    "http://127.0.0.1:8000/v1",
    ["VLLM_API_KEY"],
    undefined,
    { local: true },
  ],
  [
    "sglang",
    "SGLang",
    "openai-completions",
    "http://127.0.0.1:30000/v1",
    ["SGLANG_API_KEY"],
    undefined,
    { local: true },
  ],
  [
    "litellm",
    "LiteLLM proxy",
    "openai-completions",
    "http://127.0.0.1:4000",
    ["LITELLM_API_KEY"],
    undefined,
    { local: true },
  ],
  [
    "github-copilot",
    "GitHub Copilot",
    "github-copilot",
    "https://api.githubcopilot.com",
    ["COPILOT_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"],
    "gpt-4.1",
    { auth: ["device-code", "token"] },
  ],
  [
    "minimax",
    "MiniMax",
    "anthropic-messages",
    "https://api.minimax.io/anthropic",
    ["MINIMAX_CODE_PLAN_KEY", "MINIMAX_CODING_API_KEY", "MINIMAX_API_KEY"],
    "MiniMax-M2.7",
    { markers: ["minimax-oauth"] },
  ],
  [
    "minimax-portal",
    "MiniMax (OAuth)",
    "anthropic-messages",
    "https://api.minimax.io/anthropic",
    ["MINIMAX_OAUTH_TOKEN", "MINIMAX_API_KEY"],
    "MiniMax-M2.7",
    { markers: ["minimax-oauth"], auth: ["oauth"] },
  ],
  [
    "moonshot",
    "Moonshot AI",
    "openai-completions",
    "https://api.moonshot.ai/v1",
    ["MOONSHOT_API_KEY", "KIMI_API_KEY"],
    "kimi-k2-turbo-preview",
  ],
  [
    "kimi",
    "Kimi Coding",
    "anthropic-messages",
    "https://api.kimi.com/coding",
    ["KIMI_API_KEY", "KIMICODE_API_KEY"],
    "kimi-for-coding",
    { aliases: ["kimi-code", "kimi-coding"] },
  ],
  [
    "zai",
    "Z.AI",
    "openai-completions",
    "https://api.z.ai/api/paas/v4",
    ["ZAI_API_KEY", "Z_AI_API_KEY"],
    "glm-4.5-flash",
    { aliases: ["z.ai", "z-ai"] },
  ],
  [
    "qwen",
    "Qwen (Alibaba Model Studio)",
    "openai-completions",
    "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
    ["QWEN_API_KEY", "MODELSTUDIO_API_KEY", "DASHSCOPE_API_KEY"],
    "qwen-flash",
    { aliases: ["modelstudio", "qwencloud"], markers: ["qwen-oauth"] },
  ],
  // The reference's `alibaba` plugin (Model Studio; OpenClaw uses it for video) reads the same DashScope keys as qwen,
  // in its own order; its chat endpoint is Model Studio's OpenAI-compatible one, where those keys also work.
  [
    "alibaba",
    "Alibaba Model Studio",
    "openai-completions",
    "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
    ["MODELSTUDIO_API_KEY", "DASHSCOPE_API_KEY", "QWEN_API_KEY"],
    "qwen-flash",
  ],
  [
    "amazon-bedrock",
    "Amazon Bedrock",
    "bedrock-converse-stream",
    "https://bedrock-runtime.us-east-1.amazonaws.com",
    ["AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_PROFILE"],
    "anthropic.claude-3-haiku-20240307-v1:0",
    {
      aliases: ["bedrock", "aws-bedrock"],
      markers: ["AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_PROFILE"],
      auth: ["cloud-credentials", "api-key"],
    },
  ],
  [
    "anthropic-vertex",
    "Anthropic on Vertex AI",
    "anthropic-messages",
    "https://us-east5-aiplatform.googleapis.com",
    [],
    "claude-haiku-4-5",
    { markers: ["gcp-vertex-credentials"], auth: ["cloud-credentials"] },
  ],
  [
    "vercel-ai-gateway",
    "Vercel AI Gateway",
    "openai-completions",
    "https://ai-gateway.vercel.sh/v1",
    ["AI_GATEWAY_API_KEY"],
    "openai/gpt-4.1-nano",
  ],
  [
    "cloudflare-ai-gateway",
    "Cloudflare AI Gateway",
    "openai-completions",
    "https://gateway.ai.cloudflare.com/v1",
    ["CLOUDFLARE_AI_GATEWAY_API_KEY"],
    undefined,
  ],
  [
    "chutes",
    "Chutes",
    "openai-completions",
    "https://llm.chutes.ai/v1",
    ["CHUTES_API_KEY", "CHUTES_OAUTH_TOKEN"],
    undefined,
    { auth: ["api-key", "oauth"] },
  ],
  [
    "huggingface",
    "Hugging Face Inference",
    "openai-completions",
    "https://router.huggingface.co/v1",
    ["HUGGINGFACE_HUB_TOKEN", "HF_TOKEN"],
    undefined,
  ],
  [
    "nvidia",
    "NVIDIA NIM",
    "openai-completions",
    "https://integrate.api.nvidia.com/v1",
    ["NVIDIA_API_KEY"],
    "meta/llama-3.1-8b-instruct",
  ],
  [
    "perplexity",
    "Perplexity",
    "openai-completions",
    "https://api.perplexity.ai",
    ["PERPLEXITY_API_KEY", "OPENROUTER_API_KEY"],
    "sonar",
  ],
  [
    "deepinfra",
    "DeepInfra",
    "openai-completions",
    "https://api.deepinfra.com/v1/openai",
    ["DEEPINFRA_API_KEY"],
    "meta-llama/Meta-Llama-3.1-8B-Instruct",
  ],
  [
    "venice",
    "Venice AI",
    "openai-completions",
    "https://api.venice.ai/api/v1",
    ["VENICE_API_KEY"],
    undefined,
  ],
  [
    "opencode",
    "OpenCode Zen",
    "openai-completions",
    "https://opencode.ai/zen/v1",
    ["OPENCODE_API_KEY", "OPENCODE_ZEN_API_KEY"],
    undefined,
    { aliases: ["opencode-zen"] },
  ],
  [
    "opencode-go",
    "OpenCode Go",
    "openai-completions",
    "https://opencode.ai/zen/go/v1",
    ["OPENCODE_API_KEY", "OPENCODE_ZEN_API_KEY"],
    undefined,
    { aliases: ["opencode-go-auth"] },
  ],
  [
    "kilocode",
    "Kilo Code",
    "openai-completions",
    "https://api.kilo.ai/api/openrouter",
    ["KILOCODE_API_KEY"],
    undefined,
  ],
  [
    "volcengine",
    "Volcano Engine (Doubao)",
    "openai-completions",
    "https://ark.cn-beijing.volces.com/api/v3",
    ["VOLCANO_ENGINE_API_KEY"],
    undefined,
    { aliases: ["bytedance", "doubao"] },
  ],
  [
    "byteplus",
    "BytePlus ModelArk",
    "openai-completions",
    "https://ark.ap-southeast.bytepluses.com/api/v3",
    ["BYTEPLUS_API_KEY"],
    undefined,
  ],
  [
    "xiaomi",
    "Xiaomi MiMo",
    "openai-completions",
    "https://api.xiaomimimo.com/v1",
    ["XIAOMI_API_KEY"],
    undefined,
  ],
  [
    "qianfan",
    "Baidu Qianfan",
    "openai-completions",
    "https://qianfan.baidubce.com/v2",
    ["QIANFAN_API_KEY"],
    undefined,
  ],
  ["stepfun", "StepFun", "openai-completions", "https://api.stepfun.ai/v1", ["STEPFUN_API_KEY"], undefined],
  [
    "synthetic",
    "Synthetic",
    "anthropic-messages",
    "https://api.synthetic.new/anthropic",
    ["SYNTHETIC_API_KEY"],
    undefined,
  ],
  ["arcee", "Arcee AI", "openai-completions", "https://api.arcee.ai/api/v1", ["ARCEEAI_API_KEY"], undefined],
  [
    "microsoft-foundry",
    "Microsoft Foundry (Azure OpenAI)",
    "openai-responses",
    "https://example.openai.azure.com/openai/v1",
    ["AZURE_OPENAI_API_KEY"],
    undefined,
  ],
];

export const PROVIDERS: readonly ProviderInfo[] = rows.map(
  ([id, displayName, api, baseUrl, envVars, probeModel, extra]) => ({
    id,
    displayName,
    api,
    baseUrl,
    envVars,
    probeModel,
    aliases: extra?.aliases ?? [],
    markers: extra?.markers ?? [],
    local: extra?.local ?? false,
    authMethods: extra?.auth ?? (extra?.local ? ["local", "api-key"] : envVars.length > 0 ? ["api-key"] : []),
  }),
);

const byId = new Map<string, ProviderInfo>();
for (const provider of PROVIDERS) {
  byId.set(provider.id, provider);
  for (const alias of provider.aliases) byId.set(alias, provider);
}

/**
 * Canonical provider id: trimmed, lower-cased, and a row's spellings mapped to its id (`Z.AI` → `zai`, `bedrock` →
 * `amazon-bedrock`) — no further than the reference goes, so `codex` and `gemini` stay themselves. Unknown ids pass
 * through lower-cased: custom providers in `models.providers` are legitimate.
 */
export function normalizeProviderId(raw: string): string {
  if (typeof raw !== "string")
    throw new ModelRefError("MODEL_REF_INVALID", "Invalid provider id: expected a string like anthropic.");
  const lowered = raw.trim().toLowerCase();
  return byId.get(lowered)?.id ?? lowered;
}

// The grammar of a canonical provider id, as a ref's provider part must be (parse.ts; a test keeps the two in step).
const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * `--provider` input: normalised, and refused (`PROVIDER_INVALID`) when no ref could name it — blanks, `/`, or a
 * leading `_` or `.` (so `__proto__` is never a provider id).
 */
export function parseProviderId(raw: string): string {
  const provider = normalizeProviderId(raw);
  if (!PROVIDER_ID.test(provider)) {
    throw new ModelRefError(
      "PROVIDER_INVALID",
      `Invalid provider ${quote(raw)}: a provider id starts with a letter or digit and may only use letters, digits, '.', '_' and '-', for example anthropic.`,
      { input: raw },
    );
  }
  return provider;
}

/** The table row for a provider id in any accepted spelling, or undefined for a provider we don't know. */
export function getProvider(raw: string): ProviderInfo | undefined {
  return typeof raw === "string" ? byId.get(raw.trim().toLowerCase()) : undefined;
}

/** Every env var name in the table, for telling a stored env-var name (a marker) from a secret. */
export function knownProviderEnvVars(): ReadonlySet<string> {
  return new Set(PROVIDERS.flatMap((provider) => provider.envVars));
}

/** The model used when nothing is configured, as the reference (openclaw 2026.4.27) ships it. */
export const DEFAULT_PROVIDER = "openai";
export const DEFAULT_MODEL = "gpt-5.5";
