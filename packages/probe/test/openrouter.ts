// For scan tests: a model list in OpenRouter's real shape (generated from a seed, so every run sees the same list), and
// a server on 127.0.0.1 that serves it at /api/v1/models and answers /api/v1/chat/completions per model the way
// OpenRouter does: a tool call, a refusal in its error shape, an answer without the call, silence.
import type { ServerResponse } from "node:http";
import { type RecordedRequest, sendJson, startServer, type TestServer } from "./provider-server.js";

/** mulberry32: a small, fast, seeded generator; the same seed gives the same list on every machine. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ids and names as OpenRouter lists them (sizes, dates, versions and all), the seed of the generated list. */
const BASES: ReadonlyArray<readonly [id: string, name: string]> = [
  ["meta-llama/llama-3.3-70b-instruct", "Meta: Llama 3.3 70B Instruct"],
  ["meta-llama/llama-3.1-405b-instruct", "Meta: Llama 3.1 405B Instruct"],
  ["meta-llama/llama-3.1-8b-instruct", "Meta: Llama 3.1 8B Instruct"],
  ["meta-llama/llama-3.2-3b-instruct", "Meta: Llama 3.2 3B Instruct"],
  ["meta-llama/llama-3.2-1b-instruct", "Meta: Llama 3.2 1B Instruct"],
  ["meta-llama/llama-3.2-11b-vision-instruct", "Meta: Llama 3.2 11B Vision Instruct"],
  ["meta-llama/llama-3.2-90b-vision-instruct", "Meta: Llama 3.2 90B Vision Instruct"],
  ["meta-llama/llama-4-maverick", "Meta: Llama 4 Maverick"],
  ["meta-llama/llama-4-scout", "Meta: Llama 4 Scout"],
  ["meta-llama/llama-guard-4-12b", "Meta: Llama Guard 4 12B"],
  ["mistralai/mistral-7b-instruct-v0.3", "Mistral: Mistral 7B Instruct v0.3"],
  ["mistralai/mixtral-8x7b-instruct", "Mistral: Mixtral 8x7B Instruct"],
  ["mistralai/mixtral-8x22b-instruct", "Mistral: Mixtral 8x22B Instruct"],
  ["mistralai/mistral-small-3.1-24b-instruct", "Mistral: Mistral Small 3.1 24B"],
  ["mistralai/mistral-small-3.2-24b-instruct", "Mistral: Mistral Small 3.2 24B"],
  ["mistralai/mistral-nemo", "Mistral: Mistral Nemo"],
  ["mistralai/ministral-8b", "Mistral: Ministral 8B"],
  ["mistralai/devstral-small", "Mistral: Devstral Small 1.1"],
  ["mistralai/mistral-large-2411", "Mistral Large 2411"],
  ["mistralai/pixtral-12b", "Mistral: Pixtral 12B"],
  ["qwen/qwen-2.5-72b-instruct", "Qwen2.5 72B Instruct"],
  ["qwen/qwen-2.5-7b-instruct", "Qwen: Qwen2.5 7B Instruct"],
  ["qwen/qwen-2.5-coder-32b-instruct", "Qwen2.5 Coder 32B Instruct"],
  ["qwen/qwen2.5-vl-72b-instruct", "Qwen: Qwen2.5 VL 72B Instruct"],
  ["qwen/qwen2.5-vl-32b-instruct", "Qwen: Qwen2.5 VL 32B Instruct"],
  ["qwen/qwen3-235b-a22b", "Qwen: Qwen3 235B A22B"],
  ["qwen/qwen3-30b-a3b", "Qwen: Qwen3 30B A3B"],
  ["qwen/qwen3-32b", "Qwen: Qwen3 32B"],
  ["qwen/qwen3-14b", "Qwen: Qwen3 14B"],
  ["qwen/qwen3-8b", "Qwen: Qwen3 8B"],
  ["qwen/qwen3-coder", "Qwen: Qwen3 Coder 480B A35B"],
  ["qwen/qwq-32b", "Qwen: QwQ 32B"],
  ["google/gemma-3-27b-it", "Google: Gemma 3 27B"],
  ["google/gemma-3-12b-it", "Google: Gemma 3 12B"],
  ["google/gemma-3-4b-it", "Google: Gemma 3 4B"],
  ["google/gemma-3n-e4b-it", "Google: Gemma 3n 4B"],
  ["google/gemma-2-9b-it", "Google: Gemma 2 9B"],
  ["google/gemini-2.0-flash-001", "Google: Gemini 2.0 Flash"],
  ["google/gemini-2.5-flash", "Google: Gemini 2.5 Flash"],
  ["google/gemini-2.5-pro", "Google: Gemini 2.5 Pro"],
  ["deepseek/deepseek-chat-v3-0324", "DeepSeek: DeepSeek V3 0324"],
  ["deepseek/deepseek-r1", "DeepSeek: R1"],
  ["deepseek/deepseek-r1-0528", "DeepSeek: R1 0528"],
  ["deepseek/deepseek-r1-distill-llama-70b", "DeepSeek: R1 Distill Llama 70B"],
  ["deepseek/deepseek-r1-distill-qwen-1.5b", "DeepSeek: R1 Distill Qwen 1.5B"],
  ["deepseek/deepseek-r1-distill-qwen-32b", "DeepSeek: R1 Distill Qwen 32B"],
  ["deepseek/deepseek-chat-v3.1", "DeepSeek: DeepSeek V3.1"],
  ["microsoft/phi-4", "Microsoft: Phi 4"],
  ["microsoft/phi-3.5-mini-128k-instruct", "Microsoft: Phi-3.5 Mini 128K Instruct"],
  ["microsoft/phi-3-medium-128k-instruct", "Microsoft: Phi-3 Medium 128K Instruct"],
  ["microsoft/wizardlm-2-8x22b", "WizardLM-2 8x22B"],
  ["microsoft/mai-ds-r1", "Microsoft: MAI DS R1"],
  ["nvidia/llama-3.1-nemotron-70b-instruct", "NVIDIA: Llama 3.1 Nemotron 70B Instruct"],
  ["nvidia/llama-3.1-nemotron-ultra-253b-v1", "NVIDIA: Llama 3.1 Nemotron Ultra 253B v1"],
  ["nvidia/nemotron-nano-9b-v2", "NVIDIA: Nemotron Nano 9B V2"],
  ["openai/gpt-4o", "OpenAI: GPT-4o"],
  ["openai/gpt-4o-2024-08-06", "OpenAI: GPT-4o (2024-08-06)"],
  ["openai/gpt-4o-mini", "OpenAI: GPT-4o-mini"],
  ["openai/gpt-4.1", "OpenAI: GPT-4.1"],
  ["openai/gpt-4.1-nano", "OpenAI: GPT-4.1 Nano"],
  ["openai/gpt-oss-120b", "OpenAI: gpt-oss-120b"],
  ["openai/gpt-oss-20b", "OpenAI: gpt-oss-20b"],
  ["openai/o3-mini", "OpenAI: o3 Mini"],
  ["openai/gpt-5", "OpenAI: GPT-5"],
  ["anthropic/claude-3.5-sonnet", "Anthropic: Claude 3.5 Sonnet"],
  ["anthropic/claude-3.7-sonnet", "Anthropic: Claude 3.7 Sonnet"],
  ["anthropic/claude-sonnet-4", "Anthropic: Claude Sonnet 4"],
  ["anthropic/claude-opus-4.1", "Anthropic: Claude Opus 4.1"],
  ["anthropic/claude-3.5-haiku", "Anthropic: Claude 3.5 Haiku"],
  ["x-ai/grok-3-mini", "xAI: Grok 3 Mini"],
  ["x-ai/grok-4", "xAI: Grok 4"],
  ["cohere/command-r-08-2024", "Cohere: Command R (08-2024)"],
  ["cohere/command-r7b-12-2024", "Cohere: Command R7B (12-2024)"],
  ["cohere/command-a", "Cohere: Command A"],
  ["nousresearch/hermes-3-llama-3.1-405b", "Nous: Hermes 3 405B Instruct"],
  ["nousresearch/hermes-3-llama-3.1-70b", "Nous: Hermes 3 70B Instruct"],
  ["nousresearch/deephermes-3-llama-3-8b-preview", "Nous: DeepHermes 3 Llama 3 8B Preview"],
  ["moonshotai/kimi-k2", "MoonshotAI: Kimi K2 0711"],
  ["moonshotai/kimi-vl-a3b-thinking", "Moonshot AI: Kimi VL A3B Thinking"],
  ["moonshotai/kimi-dev-72b", "MoonshotAI: Kimi Dev 72B"],
  ["z-ai/glm-4.5-air", "Z.AI: GLM 4.5 Air"],
  ["z-ai/glm-4.5", "Z.AI: GLM 4.5"],
  ["z-ai/glm-4.5v", "Z.AI: GLM 4.5V"],
  ["thudm/glm-4-32b", "THUDM: GLM 4 32B"],
  ["thudm/glm-z1-32b", "THUDM: GLM Z1 32B"],
  ["liquid/lfm-7b", "Liquid: LFM 7B"],
  ["liquid/lfm-40b", "Liquid: LFM 40B MoE"],
  ["arcee-ai/afm-4.5b", "Arcee AI: AFM 4.5B"],
  ["arcee-ai/virtuoso-large", "Arcee AI: Virtuoso Large"],
  ["ai21/jamba-1.6-large", "AI21: Jamba 1.6 Large"],
  ["ai21/jamba-mini-1.7", "AI21: Jamba Mini 1.7"],
  ["amazon/nova-lite-v1", "Amazon: Nova Lite 1.0"],
  ["amazon/nova-pro-v1", "Amazon: Nova Pro 1.0"],
  ["perplexity/sonar", "Perplexity: Sonar"],
  ["perplexity/sonar-reasoning", "Perplexity: Sonar Reasoning"],
  ["sao10k/l3.3-euryale-70b", "Sao10K: Llama 3.3 Euryale 70B"],
  ["sao10k/l3-lunaris-8b", "Sao10K: Llama 3 8B Lunaris"],
  ["thedrummer/rocinante-12b", "TheDrummer: Rocinante 12B"],
  ["thedrummer/anubis-70b-v1.1", "TheDrummer: Anubis 70B V1.1"],
  ["gryphe/mythomax-l2-13b", "MythoMax 13B"],
  ["cognitivecomputations/dolphin-mistral-24b-venice-edition", "Venice: Uncensored"],
  ["tngtech/deepseek-r1t2-chimera", "TNG: DeepSeek R1T2 Chimera"],
  ["minimax/minimax-m1", "MiniMax: MiniMax M1"],
  ["baidu/ernie-4.5-300b-a47b", "Baidu: ERNIE 4.5 300B A47B"],
  ["tencent/hunyuan-a13b-instruct", "Tencent: Hunyuan A13B Instruct"],
  ["bytedance/ui-tars-1.5-7b", "ByteDance: UI-TARS 7B"],
  ["inflection/inflection-3-pi", "Inflection: Inflection 3 Pi"],
  ["01-ai/yi-large", "01.AI: Yi Large"],
  ["eva-unit-01/eva-qwen-2.5-72b", "EVA Qwen2.5 72B"],
  ["alibaba/tongyi-deepresearch-30b-a3b", "Tongyi DeepResearch 30B A3B"],
  ["shisa-ai/shisa-v2-llama3.3-70b", "Shisa AI: Shisa V2 Llama 3.3 70B"],
  ["agentica-org/deepcoder-14b-preview", "Agentica: Deepcoder 14B Preview"],
  ["featherless/qwerky-72b", "Qrwkv 72B"],
  ["rekaai/reka-flash-3", "Reka: Flash 3"],
];

/** Suffixes of the later rounds: dated releases as OpenRouter lists them (`deepseek-r1-0528`). */
const ROUNDS = ["", "-0324", "-0528", "-0711", "-0905", "-1120", "-0116"];
const CONTEXTS = [4096, 8192, 32_768, 65_536, 131_072, 163_840, 200_000, 262_144, 1_048_576];
const BASE_PARAMETERS = [
  "max_tokens",
  "temperature",
  "top_p",
  "stop",
  "frequency_penalty",
  "presence_penalty",
  "seed",
];
const FREE_PRICING = {
  prompt: "0",
  completion: "0",
  request: "0",
  image: "0",
  web_search: "0",
  internal_reasoning: "0",
};
/** 2023-01-01 … 2026-11-01, in unix seconds. */
const CREATED_FROM = 1_672_531_200;
const CREATED_TO = 1_793_491_200;

export type ToolBehaviour = "call" | "no_call" | "no_endpoint" | "tool_choice" | "error_in_reply" | "hang";
export type ImageBehaviour = "answer" | "refuse" | "empty" | "hang";

export interface Behaviour {
  readonly tool: ToolBehaviour;
  /** For models that take images. */
  readonly image?: ImageBehaviour;
}

export interface GeneratedList {
  /** Entries as `data` of `GET /api/v1/models`. */
  readonly models: Record<string, unknown>[];
  /** How the server answers each free model that takes tools. */
  readonly behaviours: Map<string, Behaviour>;
}

export interface GenerateOptions {
  readonly seed?: number;
  /** Entries at least. Default 320. */
  readonly count?: number;
  /** Behaviours drawn for the free tool models; give a list to leave out `hang`, say. */
  readonly tools?: readonly ToolBehaviour[];
  readonly images?: readonly ImageBehaviour[];
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const DESCRIPTION_WORDS =
  "a model tuned for instruction following with strong multilingual reasoning coding and tool use trained on curated data".split(
    " ",
  );

/**
 * A model list in OpenRouter's shape: free (`:free` and zero-priced) and paid entries, with and without image input,
 * tools and `created`, with the fields OpenRouter sends that a scan does not read (descriptions make it ~1 KB an
 * entry, as the real list is), plus `openrouter/auto` with its `-1` price. Deterministic for a seed.
 */
export function generateModelList(options: GenerateOptions = {}): GeneratedList {
  const random = seeded(options.seed ?? 20_261_123);
  const count = options.count ?? 320;
  const toolBehaviours = options.tools ?? [
    "call",
    "call",
    "call",
    "no_call",
    "no_endpoint",
    "tool_choice",
    "error_in_reply",
  ];
  const imageBehaviours = options.images ?? ["answer", "answer", "refuse", "empty"];
  const models: Record<string, unknown>[] = [
    {
      id: "openrouter/auto",
      canonical_slug: "openrouter/auto",
      name: "Auto Router",
      created: 1_699_401_600,
      description: "Your prompt will be processed by a meta-model and routed to one of dozens of models.",
      context_length: 2_000_000,
      architecture: {
        modality: "text+image->text",
        input_modalities: ["text", "image"],
        output_modalities: ["text"],
        tokenizer: "Router",
        instruct_type: null,
      },
      pricing: { prompt: "-1", completion: "-1" },
      top_provider: { context_length: null, max_completion_tokens: null, is_moderated: false },
      per_request_limits: null,
      supported_parameters: [...BASE_PARAMETERS, "tools", "tool_choice"],
    },
  ];
  const behaviours = new Map<string, Behaviour>();

  for (let round = 0; models.length < count; round += 1) {
    const suffix = ROUNDS[round % ROUNDS.length] ?? "";
    const generation = Math.floor(round / ROUNDS.length);
    for (const [base, baseName] of BASES) {
      if (models.length >= count) break;
      const id = `${base}${suffix}${generation > 0 ? `-v${generation + 1}` : ""}`;
      const name = `${baseName}${suffix === "" ? "" : ` (${suffix.slice(1)})`}`;
      const vision =
        /vision|vl|pixtral|gemini|gpt-4o|gpt-4\.1|gpt-5|claude|gemma-3-|llama-4|nova|glm-4\.5v|grok-4|ui-tars/.test(
          base,
        );
      const images = vision ? random() < 0.9 : random() < 0.08;
      const inputs = images ? (random() < 0.3 ? ["text", "image", "file"] : ["text", "image"]) : ["text"];
      const tools = random() < 0.65;
      const context = pick(random, CONTEXTS);
      const hasCreated = random() < 0.85;
      const created = Math.floor(CREATED_FROM + random() * (CREATED_TO - CREATED_FROM));
      const words = Array.from({ length: 60 + Math.floor(random() * 120) }, () =>
        pick(random, DESCRIPTION_WORDS),
      );
      const architecture: Record<string, unknown> = {
        modality: `${inputs.join("+")}->text`,
        output_modalities: ["text"],
        tokenizer: pick(random, ["Llama3", "Mistral", "Qwen", "Gemini", "GPT", "Claude", "Other"]),
        instruct_type: pick(random, [null, "chatml", "llama3", "mistral"]),
      };
      // Most entries list the input modalities; a few say them only in `modality`.
      if (random() < 0.95) architecture.input_modalities = inputs;
      const supported = [...BASE_PARAMETERS, ...(tools ? ["tools", "tool_choice"] : [])];
      if (random() < 0.4) supported.push("response_format", "structured_outputs");
      if (random() < 0.3) supported.push("reasoning", "include_reasoning");

      const entry = (entryId: string, entryName: string, pricing: Record<string, string>) => {
        const model: Record<string, unknown> = {
          id: entryId,
          canonical_slug: `${entryId.replace(/:free$/, "")}-${created}`,
          hugging_face_id: random() < 0.5 ? "" : `${base.split("/")[1]}`,
          name: entryName,
          ...(hasCreated ? { created } : {}),
          description: words.join(" "),
          context_length: random() < 0.03 ? null : context,
          architecture,
          pricing,
          top_provider: {
            context_length: context,
            max_completion_tokens: random() < 0.3 ? null : pick(random, [4096, 8192, 16_384, 32_768]),
            is_moderated: random() < 0.2,
          },
          per_request_limits: null,
          supported_parameters: supported,
          default_parameters: { temperature: null, top_p: null, frequency_penalty: null },
        };
        models.push(model);
        const free = entryId.endsWith(":free") || (pricing.prompt === "0" && pricing.completion === "0");
        if (free && tools)
          behaviours.set(entryId, {
            tool: pick(random, toolBehaviours),
            ...(images ? { image: pick(random, imageBehaviours) } : {}),
          });
      };
      const prompt = (random() * 0.00001).toFixed(9);
      const zeroPriced = random() < 0.04;
      entry(
        id,
        name,
        zeroPriced
          ? FREE_PRICING
          : { prompt, completion: (Number(prompt) * 4).toFixed(9), request: "0", image: "0" },
      );
      if (random() < 0.4 && models.length < count) entry(`${id}:free`, `${name} (free)`, FREE_PRICING);
    }
  }
  return { models, behaviours };
}

/** The error bodies OpenRouter sends, as its docs and users' reports show them. */
export const OPENROUTER_ERRORS = {
  noAuth: { error: { message: "No auth credentials found", code: 401 } },
  userNotFound: { error: { message: "User not found.", code: 401 } },
  credits: {
    error: {
      message: "Insufficient credits. Add more using https://openrouter.ai/settings/credits",
      code: 402,
    },
  },
  rateLimit: {
    error: {
      message: "Rate limit exceeded: free-models-per-min. ",
      code: 429,
      metadata: {
        headers: {
          "X-RateLimit-Limit": "20",
          "X-RateLimit-Remaining": "0",
          "X-RateLimit-Reset": "1795430460000",
        },
      },
    },
  },
  noToolEndpoint: {
    error: {
      message:
        "No endpoints found that support tool use. To learn more about provider routing, visit: https://openrouter.ai/docs/provider-routing",
      code: 404,
    },
  },
  noImageEndpoint: {
    error: {
      message:
        "No endpoints found that support image input. To learn more about provider routing, visit: https://openrouter.ai/docs/provider-routing",
      code: 404,
    },
  },
  toolChoice: {
    error: {
      message: "Provider returned error",
      code: 400,
      metadata: {
        raw: '{"error":{"message":"Only a tool_choice of \'auto\' is supported for this model.","type":"invalid_request_error","param":"tool_choice"}}',
        provider_name: "Chutes",
      },
    },
  },
  noModel: { error: { message: "No endpoints found for meta-llama/llama-0b:free.", code: 404 } },
} as const;

const completion = (model: string, message: Record<string, unknown>, finish: string, extra = {}) => ({
  id: "gen-1795430000-AbCdEfGh",
  provider: "Chutes",
  model,
  object: "chat.completion",
  created: 1_795_430_000,
  choices: [
    { logprobs: null, finish_reason: finish, native_finish_reason: finish, index: 0, message, ...extra },
  ],
  usage: { prompt_tokens: 52, completion_tokens: 11, total_tokens: 63 },
});

/** A chat completion with a call of the `ping` tool, as OpenRouter returns one. */
export const toolCallReply = (model: string) =>
  completion(
    model,
    {
      role: "assistant",
      content: "",
      refusal: null,
      reasoning: null,
      tool_calls: [
        { id: "call_0_1a2b", index: 0, type: "function", function: { name: "ping", arguments: "{}" } },
      ],
    },
    "tool_calls",
  );

export const textReply = (model: string, content: string, finish = "stop") =>
  completion(model, { role: "assistant", content, refusal: null, reasoning: null }, finish);

/** What a chat request asked for. */
export const isToolProbe = (request: RecordedRequest) =>
  Array.isArray((request.json as { tools?: unknown } | undefined)?.tools);

export interface OpenRouterServer extends TestServer {
  /** `<origin>/api/v1`, what `baseUrl` is set to. */
  readonly baseUrl: string;
  /** Chat requests, in arrival order. */
  chats(): RecordedRequest[];
}

export interface ServeOptions {
  /** `data` of the model list, or the whole body to send instead when it is a function. */
  readonly models: readonly unknown[];
  readonly behaviours: ReadonlyMap<string, Behaviour>;
  /** The key the server accepts; other requests get OpenRouter's 401. */
  readonly key: string;
  /** Replaces the answer to `/api/v1/models`. */
  readonly list?: (response: ServerResponse) => void;
}

/** A server that answers as OpenRouter: the list at /api/v1/models, chat completions by each model's behaviour. */
export async function startOpenRouter(options: ServeOptions): Promise<OpenRouterServer> {
  const server = await startServer((request, response) => {
    if (request.method === "GET" && request.path === "/api/v1/models") {
      if (options.list) return options.list(response);
      return sendJson(response, 200, { data: options.models });
    }
    if (request.method !== "POST" || request.path !== "/api/v1/chat/completions")
      return sendJson(response, 404, { error: { message: "Not Found", code: 404 } });
    if (request.headers.authorization !== `Bearer ${options.key}`)
      return sendJson(response, 401, OPENROUTER_ERRORS.noAuth);
    const model = String((request.json as { model?: unknown } | undefined)?.model);
    const behaviour = options.behaviours.get(model);
    if (!behaviour)
      return sendJson(response, 404, { error: { message: `No endpoints found for ${model}.`, code: 404 } });
    if (isToolProbe(request)) {
      switch (behaviour.tool) {
        case "call":
          return sendJson(response, 200, toolCallReply(model));
        case "no_call":
          return sendJson(response, 200, textReply(model, "pong"));
        case "no_endpoint":
          return sendJson(response, 404, OPENROUTER_ERRORS.noToolEndpoint);
        case "tool_choice":
          return sendJson(response, 400, OPENROUTER_ERRORS.toolChoice);
        case "error_in_reply":
          return sendJson(
            response,
            200,
            completion(model, { role: "assistant", content: "" }, "error", {
              error: { code: 502, message: "Upstream provider closed the stream" },
            }),
          );
        case "hang":
          return; // never answers; closed with the server
      }
    }
    switch (behaviour.image) {
      case "answer":
        return sendJson(response, 200, textReply(model, "OK"));
      case "empty":
        return sendJson(response, 200, textReply(model, "", "length"));
      case "hang":
        return;
      default:
        return sendJson(response, 404, OPENROUTER_ERRORS.noImageEndpoint);
    }
  });
  return {
    ...server,
    baseUrl: `${server.origin}/api/v1`,
    chats: () => server.requests.filter((request) => request.path === "/api/v1/chat/completions"),
  };
}

/** The probe status each behaviour ends in. */
export const TOOL_STATUS: Readonly<Record<ToolBehaviour, string>> = {
  call: "ok",
  no_call: "format",
  no_endpoint: "format",
  tool_choice: "format",
  error_in_reply: "unknown",
  hang: "timeout",
};
export const IMAGE_STATUS: Readonly<Record<ImageBehaviour, string>> = {
  answer: "ok",
  refuse: "format",
  empty: "format",
  hang: "timeout",
};
