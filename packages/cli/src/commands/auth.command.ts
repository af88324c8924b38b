// `models auth list|paste-token|paste-api-key|setup-token|add|logout|login`, as cac sees them; the work is in
// auth-list.ts, auth-save.ts and auth-login.ts.
import type { CommandEntry } from "../cac-commands.js";
import { AGENT_STORE, OUTPUT, profileId, provider, YES } from "../command-options.js";
import type { ListOptions, LogoutOptions } from "./auth-list.js";
import type { LoginOptions } from "./auth-login.js";
import type { AddOptions, SaveOptions, SetupTokenOptions } from "./auth-save.js";

const authList = () => import("./auth-list.js");
const authSave = () => import("./auth-save.js");

/** Where a new secret goes: `--provider` (required) and `--profile-id`. */
const target = (defaultName: string) => [...AGENT_STORE, provider(true), profileId(defaultName)];

export const commands: readonly CommandEntry[] = [
  // Not echoed: a mistyped command may be a pasted secret.
  {
    group: "models auth",
    description: "Store, list and order credentials (bare: list)",
    bare: "list",
    hideUnknown: true,
  },
  {
    name: "models auth list",
    description: "List stored profiles with masked values and expiry",
    options: [...AGENT_STORE, provider(false), ...OUTPUT],
    examples: ["$0 models auth list", "$0 models auth list --provider anthropic --json"],
    run: async (io, options: ListOptions) => (await authList()).authListCommand(io, options),
  },
  {
    name: "models auth paste-token",
    description: "Store a token read from stdin (or a hidden prompt on a terminal)",
    options: [
      ...target("manual"),
      { flags: "--expires-in <duration>", description: "When it expires: 30m, 12h, 365d, 2w" },
    ],
    examples: ['printf %s "$TOKEN" | $0 models auth paste-token --provider anthropic --expires-in 365d'],
    run: async (io, options: SaveOptions) => (await authSave()).pasteTokenCommand(io, options),
  },
  {
    name: "models auth paste-api-key",
    description: "Store an API key read from stdin (or a hidden prompt on a terminal)",
    options: target("default"),
    examples: ['printf %s "$OPENAI_API_KEY" | $0 models auth paste-api-key --provider openai'],
    run: async (io, options: SaveOptions) => (await authSave()).pasteApiKeyCommand(io, options),
  },
  {
    name: "models auth setup-token",
    description: "Store a token from `claude setup-token` (pasted, piped, or --run)",
    options: [
      ...target("default"),
      { flags: "--run", description: "Run `claude setup-token` and capture the token it prints" },
      { flags: "--expires-in <duration>", description: "When it expires (default: 365d)" },
      YES,
    ],
    examples: ["$0 models auth setup-token --run"],
    run: async (io, options: SetupTokenOptions) => (await authSave()).setupTokenCommand(io, options),
  },
  {
    name: "models auth add",
    description: "Add a credential: asks on a terminal, flags and stdin otherwise",
    options: [
      ...target("default"),
      { flags: "--method <method>", description: "api-key or token" },
      { flags: "--expires-in <duration>", description: "For tokens: when it expires (30m, 12h, 365d)" },
    ],
    examples: ['printf %s "$KEY" | $0 models auth add --provider groq --method api-key'],
    run: async (io, options: AddOptions) => (await authSave()).addCommand(io, options),
  },
  {
    name: "models auth logout <profileId>",
    description: "Remove a profile and its order, cooldown and last-good entries",
    options: [...AGENT_STORE, YES],
    examples: ["$0 models auth logout anthropic:manual", "$0 models auth logout openai:default --agent work"],
    run: async (io, profileId: string, options: LogoutOptions) =>
      (await authList()).authLogoutCommand(io, profileId, options),
  },
  {
    name: "models auth login",
    description: "Sign in with a provider's plugin (browser, device code, key, import) and store the profile",
    options: [
      ...AGENT_STORE,
      provider(true),
      { flags: "--method <id>", description: "Sign-in method (`plugins list` shows each provider's)" },
      {
        flags: "--profile-id <id>",
        description:
          "Profile id (default: <provider>:<email> for OAuth with an e-mail, else <provider>:default)",
      },
      { flags: "--set-default", description: "Make the provider's recommended model the default model" },
      {
        flags: "--no-browser",
        description: "Start no browser nor callback: paste the redirect URL (or pipe it)",
      },
      { flags: "--enterprise-domain <host>", description: "GitHub Enterprise host, for github-copilot" },
      { flags: "--json", description: "Print one JSON document on stdout" },
    ],
    examples: [
      "$0 models auth login --provider openai-codex",
      "$0 models auth login --provider github-copilot --json",
      'printf %s "$KEY" | $0 models auth login --provider anthropic --method api-key',
    ],
    run: async (io, options: LoginOptions) => (await import("./auth-login.js")).authLoginCommand(io, options),
  },
];
