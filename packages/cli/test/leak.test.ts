// Canary secrets planted in every kind of credential must never appear in any output or any file outside the store.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunResult, runBin, tempHome } from "./run-cli.js";

const canary = (name: string) => `${name}-CANARY-${"x7Q2vL9mZp4R".repeat(2)}-${name.length}END`;
const C = {
  apiKey: canary("sk-apikey"),
  token: canary("sk-ant-oat01-token"),
  tokenExpiring: canary("tok-expiring"),
  oauthAccess: canary("ya29.access"),
  oauthRefresh: canary("1//refresh"),
  unknownType: canary("saml-assertion"),
  envOpenai: canary("sk-env-openai"),
  envAnthropic: canary("sk-ant-env"),
  envRef: canary("sk-or-ref"),
  envMarker: canary("sk-marker-env"),
  configKey: canary("sk-config"),
  pasted: canary("sk-pasted"),
  pastedKey: canary("sk-pasted-key"),
  setup: "sk-ant-oat01-CANARYsetup0123456789abcdefghij",
  added: canary("gsk-added"),
  argv: canary("sk-argv"),
};

let home: string;
let cleanup: () => void;
let agentDir: string;
const outputs: { args: string[]; result: RunResult }[] = [];
const env = {
  OPENAI_API_KEY: C.envOpenai,
  ANTHROPIC_API_KEY: C.envAnthropic,
  OPENROUTER_API_KEY: C.envRef,
  MY_TEAM_LLM_TOKEN: C.envMarker,
};

async function run(args: string[], input = "") {
  const result = await runBin(home, args, { env, input });
  outputs.push({ args, result });
  return result;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true });
  const now = Date.now();
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({
      agents: {
        defaults: {
          model: {
            primary: "anthropic/claude-opus-4-6",
            fallbacks: ["openai/gpt-5.2", "openrouter/openai/gpt-4.1-nano", "acme/m1"],
          },
          imageModel: "google/gemini-2.5-flash",
          models: { "anthropic/claude-opus-4-6": { alias: "opus" } },
        },
      },
      models: { providers: { acme: { baseUrl: "http://127.0.0.1:9/v1", apiKey: C.configKey } } },
    }),
  );
  writeFileSync(
    join(agentDir, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: {
        "openai:key": { type: "api_key", provider: "openai", key: C.apiKey },
        "openai:marker": { type: "api_key", provider: "openai", key: "MY_TEAM_LLM_TOKEN" },
        "openrouter:ref": {
          type: "api_key",
          provider: "openrouter",
          keyRef: { source: "env", provider: "default", id: "OPENROUTER_API_KEY" },
        },
        "anthropic:tok": {
          type: "token",
          provider: "anthropic",
          token: C.token,
          expires: now + 10 * 86_400_000,
        },
        "anthropic:soon": {
          type: "token",
          provider: "anthropic",
          token: C.tokenExpiring,
          expires: now + 3_600_000,
        },
        "google:oauth": {
          type: "oauth",
          provider: "google",
          access: C.oauthAccess,
          refresh: C.oauthRefresh,
          expires: now - 1000,
          email: "me@example.com",
        },
        "acme:saml": { type: "saml", provider: "acme", assertion: C.unknownType },
      },
      usageStats: { "openai:key": { cooldownUntil: now + 60_000, errorCount: 1 } },
    }),
  );

  const forms = [[], ["--json"], ["--plain"]];
  for (const form of forms) {
    await run(["models", "status", ...form]);
    await run(["models", "status", "--check", ...form]);
    await run(["models", "auth", "list", ...form]);
    await run(["models", "auth", "order", "get", "--provider", "anthropic", ...form]);
  }
  await run(["models"]);
  await run(["models", "status", "--agent", "main"]);
  await run(["models", "auth", "list", "--provider", "anthropic"]);
  await run(["models", "auth", "order", "set", "--provider", "anthropic", "anthropic:tok", "anthropic:soon"]);
  await run(["models", "auth", "order", "clear", "--provider", "anthropic"]);
  await run(
    [
      "models",
      "auth",
      "paste-token",
      "--provider",
      "anthropic",
      "--profile-id",
      "pasted",
      "--expires-in",
      "12h",
    ],
    C.pasted,
  );
  await run(
    ["models", "auth", "paste-api-key", "--provider", "openai", "--profile-id", "pasted"],
    C.pastedKey,
  );
  await run(["models", "auth", "setup-token"], C.setup);
  await run(["models", "auth", "add", "--provider", "groq", "--method", "api-key"], C.added);
  await run(["models", "set", "opus"]);
  await run(["models", "fallbacks", "add", "groq/llama-3.3-70b"]);
  await run(["models", "aliases", "list", "--json"]);
  await run(["plugins", "list"]);
  // Errors, some of them with a canary where a user might wrongly put a secret.
  await run(["models", "auth", "paste-token", "--provider", "anthropic", "--token", C.argv]);
  await run(["models", "auth", "paste-token", "--provider", "anthropic", `--api-key=${C.argv}`]);
  await run(["models", "auth", "paste-token", C.argv]);
  await run(["models", "auth", C.argv]);
  await run(["models", "auth", "order", C.argv]);
  await run(["models", "auth", "paste-api-key", "--provider", "openai"], `Bearer ${C.pastedKey}\n`);
  await run(["models", "auth", "paste-token", "--provider", "anthropic", "--expires-in", "soon"], C.pasted);
  await run(["models", "auth", "logout", "nope:nope"]);
  await run(["models", "status", "--json", "--plain"]);
  await run(["models", "auth", "order", "set", "--provider", "openai", "anthropic:tok"]);
  for (const command of [
    [],
    ["models"],
    ["models", "status"],
    ["models", "auth"],
    ["models", "auth", "paste-token"],
    ["models", "auth", "order"],
  ])
    await run([...command, "--help"]);
  await run(["models", "auth", "logout", "anthropic:soon"]);
  await run(["models", "status", "--json"]);
}, 180_000);
afterAll(() => cleanup());

describe("secrets never leak", () => {
  it("ran every command form (and the commands that store secrets succeeded)", () => {
    expect(outputs.length).toBeGreaterThan(40);
    const stored = JSON.parse(readFileSync(join(agentDir, "auth-profiles.json"), "utf8")).profiles;
    expect(stored["anthropic:pasted"].token).toBe(C.pasted);
    expect(stored["openai:pasted"].key).toBe(C.pastedKey);
    expect(stored["anthropic:default"].token).toBe(C.setup);
    expect(stored["groq:default"].key).toBe(C.added);
    expect(stored["acme:saml"].assertion).toBe(C.unknownType);
  });

  it.each(Object.entries(C))("%s appears in no stdout or stderr, not even in part", (_name, secret) => {
    const middle = secret.slice(5, -5);
    for (const { args, result } of outputs) {
      for (const text of [result.stdout, result.stderr]) {
        expect(text.includes(middle), `${args.join(" ")} printed it`).toBe(false);
      }
    }
  });

  it("no file outside the credentials file holds a secret", () => {
    const store = join(agentDir, "auth-profiles.json");
    // The config held the configured key before any command ran; it is the user's file, not one we created.
    const config = join(home, ".modelctl", "modelctl.json");
    for (const file of filesUnder(home)) {
      if (file === store) continue;
      const text = readFileSync(file, "utf8");
      for (const [name, secret] of Object.entries(C)) {
        if (name === "configKey" && (file === config || file === `${config}.bak`)) continue;
        expect(text.includes(secret.slice(5, -5)), `${relative(home, file)} holds ${name}`).toBe(false);
      }
    }
  });
});
