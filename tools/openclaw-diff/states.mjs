// State directories for the differential run. Each state is built by a function, fresh for every program run
// (the reference writes into its state: it copies the main store into a sub-agent's folder, adds `meta`, ...).
// `build(dir, t0)` writes `<dir>/.openclaw/...`; every time is relative to `t0` (the moment the state is built),
// and sits far from a display boundary (2h20m, not 2h), since the reference judges with the real clock.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
}
const json = (v) => `${JSON.stringify(v, null, 2)}\n`;
const cfg = (dir, text) => write(join(dir, ".openclaw", "openclaw.json"), text);
const agentDir = (dir, id = "main") => join(dir, ".openclaw", "agents", id, "agent");
const store = (dir, profiles, extra = {}, id = "main") =>
  write(join(agentDir(dir, id), "auth-profiles.json"), json({ version: 1, profiles, ...extra }));
const authState = (dir, state, id = "main") =>
  write(join(agentDir(dir, id), "auth-state.json"), json({ version: 1, ...state }));

const apiKey = (provider, key) => ({ type: "api_key", provider, key });
const token = (provider, tok, expires) =>
  expires === undefined
    ? { type: "token", provider, token: tok }
    : { type: "token", provider, token: tok, expires };

export const STATES = [
  {
    name: "empty-home",
    desc: "A home with nothing in it: no ~/.openclaw at all; `models set` creates the config.",
    set: "openai/gpt-5.2",
    build(dir) {
      mkdirSync(dir, { recursive: true });
    },
  },
  {
    name: "json5-full",
    desc:
      "Hand-commented JSON5 config (comments, unquoted keys, trailing commas) with aliases, fallbacks, an image " +
      "model with a fallback and an allowlist with params; a token without expiry and two api keys.",
    set: "mini",
    build(dir) {
      cfg(
        dir,
        `// OpenClaw config, edited by hand (harness-comment-top)
{
  agents: {
    defaults: {
      model: {
        primary: "anthropic/claude-opus-4-6", // harness-comment-primary
        fallbacks: ["anthropic/claude-sonnet-4-6", "openai/gpt-5.2",],
      },
      imageModel: { primary: "openai/gpt-5.2", fallbacks: ["google/gemini-2.5-flash"] },
      /* allowlist and aliases (harness-comment-block) */
      models: {
        "anthropic/claude-opus-4-6": { alias: "opus" },
        "anthropic/claude-sonnet-4-6": { alias: "sonnet" },
        "openai/gpt-5.2": { alias: "fast", params: { temperature: 0.2 } },
        "openai/gpt-5.4-mini": { alias: "mini" },
        "google/gemini-2.5-flash": {},
      },
    },
  },
}
`,
      );
      store(dir, {
        "anthropic:default": token("anthropic", "sk-ant-oat01-abcdefghijklmnopqrstuvwxyz0123456789"),
        "openai:default": apiKey("openai", "sk-proj-1234567890abcdefghijklmnopqrstuv"),
        "google:default": apiKey("google", "AIzaSyA-1234567890abcdefghijklmnopqrs"),
      });
    },
  },
  {
    name: "subagent-own-dir",
    desc:
      "agents.list[] with a `work` agent that has its own agentDir (absolute, empty) and a per-agent model as a " +
      "string; every credential lives in the main agent's store.",
    agents: ["work"],
    build(dir) {
      cfg(
        dir,
        json({
          agents: {
            defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] } },
            list: [
              { id: "main", default: true },
              { id: "work", agentDir: join(dir, ".openclaw", "work-agent"), model: "openai/gpt-5.2" },
            ],
          },
        }),
      );
      store(dir, {
        "anthropic:default": token("anthropic", "sk-ant-oat01-abcdefghijklmnopqrstuvwxyz0123456789"),
        "openai:default": apiKey("openai", "sk-proj-1234567890abcdefghijklmnopqrstuv"),
      });
    },
  },
  {
    name: "subagent-default-dir",
    desc:
      "agents.list[] with a `work` agent without agentDir and a per-agent model `{ primary }` only; credentials " +
      "only in the main store (no folder for `work`).",
    agents: ["work"],
    build(dir) {
      cfg(
        dir,
        json({
          agents: {
            defaults: {
              model: { primary: "openai/gpt-5.2", fallbacks: ["anthropic/claude-sonnet-4-6"] },
              models: { "anthropic/claude-sonnet-4-6": { alias: "sonnet" } },
            },
            list: [{ id: "main" }, { id: "work", model: { primary: "anthropic/claude-sonnet-4-6" } }],
          },
        }),
      );
      store(dir, {
        "anthropic:default": apiKey("anthropic", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123"),
        "openai:default": apiKey("openai", "sk-proj-1234567890abcdefghijklmnopqrstuv"),
      });
    },
  },
  {
    name: "subagent-collision",
    desc:
      "`work` agent with its own store holding `openai:default` (a different key) while the main store has " +
      "`openai:default` and `anthropic:default`: the agent's own profile should win, anthropic comes from main.",
    agents: ["work"],
    build(dir) {
      cfg(
        dir,
        json({
          agents: {
            defaults: { model: { primary: "openai/gpt-5.2", fallbacks: ["anthropic/claude-opus-4-6"] } },
            list: [{ id: "main", default: true }, { id: "work" }],
          },
        }),
      );
      store(dir, {
        "anthropic:default": apiKey("anthropic", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123"),
        "openai:default": apiKey("openai", "sk-proj-1234567890abcdefghijMAINMAIN"),
      });
      store(dir, { "openai:default": apiKey("openai", "sk-proj-1234567890abcdefghijWORKWORK") }, {}, "work");
    },
  },
  {
    name: "bare-primary",
    desc:
      'A primary without provider (`"claude-opus-4-6"`) named in agents.defaults.models; a bare fallback that ' +
      "no configured model has; a bare image model matching a models.providers model id in another case.",
    build(dir) {
      cfg(
        dir,
        json({
          agents: {
            defaults: {
              model: { primary: "claude-opus-4-6", fallbacks: ["claude-sonnet-4-6"] },
              imageModel: { primary: "qwen3-coder" },
              models: { "anthropic/claude-opus-4-6": {} },
            },
          },
          models: {
            providers: {
              mylocal: {
                baseUrl: "http://127.0.0.1:1234/v1",
                api: "openai-completions",
                apiKey: "mylocal-key-1234567890",
                models: [{ id: "Qwen3-Coder", name: "Qwen3 Coder" }],
              },
            },
          },
        }),
      );
      store(dir, { "anthropic:default": apiKey("anthropic", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123") });
    },
  },
  {
    name: "provider-spellings",
    desc:
      "Provider spellings: primary `Z.AI/glm-4.6`, fallbacks `gemini/…`, `z-ai/…`, `Copilot/…`; profiles " +
      "`qwen-portal:default` (oauth, 10 d), `zai:default`, `google:default`; `models set codex/gpt-5.4`.",
    set: "codex/gpt-5.4",
    build(dir, t0) {
      cfg(
        dir,
        json({
          agents: {
            defaults: {
              model: {
                primary: "Z.AI/glm-4.6",
                fallbacks: ["gemini/gemini-2.5-pro", "z-ai/glm-4.5-air", "Copilot/gpt-4.1"],
              },
              imageModel: { primary: "qwen-portal/vision-model" },
            },
          },
        }),
      );
      store(dir, {
        "zai:default": apiKey("zai", "zai-1234567890abcdefghijklmnop"),
        "google:default": apiKey("google", "AIzaSyA-1234567890abcdefghijklmnopqrs"),
        "qwen-portal:default": {
          type: "oauth",
          provider: "qwen-portal",
          access: "qwen-access-1234567890abcdefghij",
          refresh: "qwen-refresh-1234567890",
          expires: t0 + 10 * D + 5 * H,
        },
      });
    },
  },
  {
    name: "provider-secretref",
    desc:
      "`models.providers.openrouter.apiKey` is a SecretRef object `{source:env, provider:default, id:OPENROUTER_API_KEY}` " +
      "(env var unset); the default model is on openrouter; no store.",
    build(dir) {
      cfg(
        dir,
        json({
          agents: { defaults: { model: { primary: "openrouter/anthropic/claude-sonnet-4" } } },
          models: {
            providers: {
              openrouter: {
                baseUrl: "https://openrouter.ai/api/v1",
                apiKey: { source: "env", provider: "default", id: "OPENROUTER_API_KEY" },
                models: [{ id: "anthropic/claude-sonnet-4", name: "Claude Sonnet 4" }],
              },
            },
          },
        }),
      );
    },
  },
  {
    name: "provider-secretref-env-set",
    desc:
      "The same SecretRef object as `models.providers.openrouter.apiKey`, with `OPENROUTER_API_KEY` set in the " +
      "environment (the reference resolves it locally when no gateway answers); no store.",
    env: { OPENROUTER_API_KEY: "sk-or-v1-envref-1234567890abcdefghij" },
    build(dir) {
      cfg(
        dir,
        json({
          agents: { defaults: { model: { primary: "openrouter/anthropic/claude-sonnet-4" } } },
          models: {
            providers: {
              openrouter: {
                baseUrl: "https://openrouter.ai/api/v1",
                apiKey: { source: "env", provider: "default", id: "OPENROUTER_API_KEY" },
                models: [{ id: "anthropic/claude-sonnet-4", name: "Claude Sonnet 4" }],
              },
            },
          },
        }),
      );
    },
  },
  {
    name: "provider-keys-envname-literal",
    desc:
      '`models.providers.openrouter.apiKey` = `"OPENROUTER_API_KEY"` (an env var name, unset) for the default model; ' +
      "`models.providers.mistral.apiKey` a literal key for the fallback; model and image model as plain strings.",
    build(dir) {
      cfg(
        dir,
        json({
          agents: {
            defaults: {
              model: "openrouter/anthropic/claude-sonnet-4",
              imageModel: "mistral/pixtral-large-latest",
              models: { "mistral/mistral-large-latest": {} },
            },
          },
          models: {
            providers: {
              openrouter: {
                baseUrl: "https://openrouter.ai/api/v1",
                apiKey: "OPENROUTER_API_KEY",
                models: [{ id: "anthropic/claude-sonnet-4", name: "Claude Sonnet 4" }],
              },
              mistral: {
                baseUrl: "https://api.mistral.ai/v1",
                apiKey: "mk-literal-1234567890abcdefghij",
                models: [{ id: "pixtral-large-latest", name: "Pixtral Large" }],
              },
            },
          },
        }),
      );
    },
  },
  {
    name: "env-credentials",
    desc:
      "No store; `OPENAI_API_KEY` and `ANTHROPIC_OAUTH_TOKEN` set in the environment (reference run through " +
      "openclaw-ref-env); default anthropic, fallback openai.",
    env: {
      OPENAI_API_KEY: "sk-envopenai-1234567890abcdefghijklmnop",
      ANTHROPIC_OAUTH_TOKEN: "sk-ant-oat01-envtoken-abcdefghijklmnopqrstu",
    },
    build(dir) {
      cfg(
        dir,
        json({
          agents: {
            defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] } },
          },
        }),
      );
    },
  },
  {
    name: "token-expiry",
    desc:
      'Anthropic tokens: expired 3 d ago, expiring in 2h20m, 10 d, without expiry, with `expires: "soon"`; an ' +
      "openai api key.",
    build(dir, t0) {
      cfg(
        dir,
        json({
          agents: {
            defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] } },
          },
        }),
      );
      store(dir, {
        "anthropic:static": token("anthropic", "sk-ant-oat01-static-abcdefghijklmnopqrstuv"),
        "anthropic:expired": token(
          "anthropic",
          "sk-ant-oat01-expired-abcdefghijklmnopqrstu",
          t0 - 3 * D - 5 * H,
        ),
        "anthropic:soon": token(
          "anthropic",
          "sk-ant-oat01-soon-abcdefghijklmnopqrstuvwx",
          t0 + 2 * H + 20 * MIN,
        ),
        "anthropic:month": token(
          "anthropic",
          "sk-ant-oat01-month-abcdefghijklmnopqrstuvw",
          t0 + 10 * D + 5 * H,
        ),
        "anthropic:weird": token("anthropic", "sk-ant-oat01-weird-abcdefghijklmnopqrstuvw", "soon"),
        "openai:default": apiKey("openai", "sk-proj-1234567890abcdefghijklmnopqrstuv"),
      });
    },
  },
  {
    name: "markers-and-refs",
    desc:
      "Markers `secretref-managed` / `ollama-local` as api keys and as tokens; keyRef and tokenRef to unset env " +
      "vars; default anthropic, fallbacks openrouter and ollama, image openai.",
    build(dir) {
      cfg(
        dir,
        json({
          agents: {
            defaults: {
              model: {
                primary: "anthropic/claude-opus-4-6",
                fallbacks: ["openrouter/auto", "ollama/llama3.3"],
              },
              imageModel: { primary: "openai/gpt-5.2" },
            },
          },
        }),
      );
      store(dir, {
        "openrouter:managed": apiKey("openrouter", "secretref-managed"),
        "ollama:local": apiKey("ollama", "ollama-local"),
        "anthropic:managed": token("anthropic", "secretref-managed"),
        "anthropic:local": token("anthropic", "ollama-local"),
        "anthropic:ref": {
          type: "token",
          provider: "anthropic",
          tokenRef: { source: "env", provider: "default", id: "ANTHROPIC_SETUP_TOKEN_X" },
        },
        "openai:ref": {
          type: "api_key",
          provider: "openai",
          keyRef: { source: "env", provider: "default", id: "OPENAI_API_KEY" },
        },
      });
    },
  },
  {
    name: "cooldowns",
    desc:
      "auth-state.json usageStats: openai:a cooldown 45m30s; openai:b disabled (billing) 2h20m with a later " +
      "cooldown 5h20m; anthropic:c disabled 3h20m; openrouter:default cooldown 1h20m.",
    build(dir, t0) {
      cfg(
        dir,
        json({
          agents: {
            defaults: {
              model: {
                primary: "openai/gpt-5.2",
                fallbacks: ["anthropic/claude-sonnet-4-6", "openrouter/auto"],
              },
            },
          },
        }),
      );
      store(dir, {
        "openai:a": apiKey("openai", "sk-proj-AAAA567890abcdefghijklmnopqrstuv"),
        "openai:b": apiKey("openai", "sk-proj-BBBB567890abcdefghijklmnopqrstuv"),
        "anthropic:c": apiKey("anthropic", "sk-ant-api03-CCCCefghijklmnopqrstuvwxyz0123"),
        "openrouter:default": apiKey("openrouter", "sk-or-v1-1234567890abcdefghijklmnop"),
      });
      authState(dir, {
        usageStats: {
          "openai:a": { cooldownUntil: t0 + 45 * MIN + 30_000, errorCount: 2, lastFailureAt: t0 - 5 * MIN },
          "openai:b": {
            disabledUntil: t0 + 2 * H + 20 * MIN,
            disabledReason: "billing",
            cooldownUntil: t0 + 5 * H + 20 * MIN,
            errorCount: 4,
          },
          "anthropic:c": { disabledUntil: t0 + 3 * H + 20 * MIN, disabledReason: "billing", errorCount: 1 },
          "openrouter:default": { cooldownUntil: t0 + H + 20 * MIN, errorCount: 3 },
        },
      });
    },
  },
  {
    name: "bad-auth-state",
    desc:
      'auth-state.json with a string `cooldownUntil: "1795000000000"` and a negative `disabledUntil: -5`; the ' +
      "store itself is fine.",
    build(dir) {
      cfg(
        dir,
        json({
          agents: {
            defaults: { model: { primary: "openai/gpt-5.2", fallbacks: ["anthropic/claude-opus-4-6"] } },
          },
        }),
      );
      store(dir, {
        "openai:default": apiKey("openai", "sk-proj-1234567890abcdefghijklmnopqrstuv"),
        "anthropic:default": apiKey("anthropic", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123"),
      });
      authState(dir, {
        usageStats: {
          "openai:default": { cooldownUntil: "1795000000000", errorCount: 1 },
          "anthropic:default": { disabledUntil: -5, disabledReason: "billing" },
        },
      });
    },
  },
  {
    name: "legacy-store",
    desc:
      "Older auth-profiles.json with `order`, `lastGood` and `usageStats` inside (no auth-state.json): order " +
      "puts openai:b first, openai:a cooling down 45m30s.",
    build(dir, t0) {
      cfg(dir, json({ agents: { defaults: { model: { primary: "openai/gpt-5.2" } } } }));
      store(
        dir,
        {
          "openai:a": apiKey("openai", "sk-proj-AAAA567890abcdefghijklmnopqrstuv"),
          "openai:b": apiKey("openai", "sk-proj-BBBB567890abcdefghijklmnopqrstuv"),
        },
        {
          order: { openai: ["openai:b", "openai:a"] },
          lastGood: { openai: "openai:b" },
          usageStats: { "openai:a": { cooldownUntil: t0 + 45 * MIN + 30_000, errorCount: 3 } },
        },
      );
    },
  },
  {
    name: "config-auth-order",
    desc:
      "Config `auth.profiles` metadata and `auth.order.anthropic` naming the second profile first; an OAuth " +
      "profile for openai-codex (4 d) as a fallback; two anthropic api keys.",
    build(dir, t0) {
      cfg(
        dir,
        json({
          auth: {
            profiles: {
              "anthropic:work": { provider: "anthropic", mode: "api_key" },
              "anthropic:home": { provider: "anthropic", mode: "api_key" },
            },
            order: { anthropic: ["anthropic:work", "anthropic:home"] },
          },
          agents: {
            defaults: {
              model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai-codex/gpt-5.4"] },
            },
          },
        }),
      );
      store(dir, {
        "anthropic:home": apiKey("anthropic", "sk-ant-api03-abcdefghijklmnopqrstuHOMEHOME"),
        "anthropic:work": apiKey("anthropic", "sk-ant-api03-abcdefghijklmnopqrstuWORKWORK"),
        "openai-codex:default": {
          type: "oauth",
          provider: "openai-codex",
          access: "eyJaccess-codex-xxxxxxxxxxxxxxxxxxxx",
          refresh: "rt-codex-xxxxxxxxxxxx",
          expires: t0 + 4 * D + 5 * H,
          email: "me@example.com",
        },
      });
    },
  },
];
