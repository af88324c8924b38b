// The provider auth plugin interface and its registry: a provider declares how one signs in to it, how its OAuth
// tokens are refreshed and read. Built-in plugins register the same way a third-party one does.
import type { Env } from "../resolve.js";
import type { ProfileInput } from "../schema.js";
import type { ProviderEndpoints } from "./endpoints.js";
import { anthropicPlugin } from "./providers/anthropic.js";
import { githubCopilotPlugin } from "./providers/github-copilot.js";
import { googleGeminiCliPlugin } from "./providers/google-gemini-cli.js";
import { minimaxPortalPlugin } from "./providers/minimax-portal.js";
import { openaiCodexPlugin } from "./providers/openai-codex.js";

export type AuthMethodKind = "api-key" | "token" | "oauth-pkce" | "device-code" | "import";

/** What a flow shows and asks; the CLI passes a terminal's, a test passes its own. Nothing here needs a TTY. */
export interface LoginUi {
  /** Opens a URL in a browser. Absent (or with `noBrowser`), the flow logs the URL and waits for a paste. */
  openUrl?: (url: string) => void | Promise<void>;
  /** Shows a device code and where to enter it. */
  showDeviceCode: (url: string, code: string) => void;
  /** Asks for the redirect URL (or the bare code) the browser ended on; `--no-browser` mode. */
  promptRedirectUrl: (message: string) => Promise<string>;
  /** Asks for a secret (API key, setup token): hidden prompt or stdin. */
  promptSecret?: (message: string) => Promise<string>;
  /** Progress for a human, on stderr. Never given a secret. */
  log: (message: string) => void;
}

export interface LoginContext {
  readonly ui: LoginUi;
  /** This provider's endpoints: the built-in ones with the MODELCTL_AUTH_ENDPOINTS file laid over them. */
  readonly endpoints: ProviderEndpoints;
  readonly env: Env;
  /** Do not open a browser nor start a callback server: ask for the pasted redirect URL instead. */
  readonly noBrowser?: boolean;
  readonly signal?: AbortSignal;
  /** Provider-specific options, e.g. `{ enterpriseDomain: "github.example.com" }` for Copilot. */
  readonly options?: Readonly<Record<string, string>>;
  /** Home folder, for `import` (where other tools keep their logins). Default os.homedir(). */
  readonly homeDir?: string;
  /** Overrides of the flows' timings, for tests. */
  readonly timing?: FlowTiming;
  /** The clock (epoch ms). Default Date.now. */
  readonly now?: () => number;
}

export interface FlowTiming {
  /** Deadline of each HTTP exchange. Default 15 s. */
  readonly httpTimeoutMs?: number;
  /** How long to wait for the browser's callback. Default 5 min. */
  readonly callbackTimeoutMs?: number;
  /** The wait between device-code polls; default a real timer. A test passes one that records and returns. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The first callback port to try instead of the provider's (0: any free port). */
  readonly callbackPort?: number;
}

/** The tokens an OAuth refresh (or a login) yields. */
export interface RefreshedTokens {
  access: string;
  /** Absent when the provider returned none: keep the one you have. */
  refresh?: string;
  /** Epoch ms. */
  expires: number;
  email?: string;
  accountId?: string;
}

/** A stored OAuth credential as a refresh needs it. */
export interface OAuthCredential {
  readonly access?: string | undefined;
  readonly refresh: string;
  readonly expires?: number | undefined;
  readonly enterpriseUrl?: string | undefined;
  readonly [key: string]: unknown;
}

/** The identity read from a provider's tokens. */
export interface Identity {
  email?: string;
  accountId?: string;
  plan?: string;
}

export interface AuthMethod {
  /** Stable id for `--method`: `oauth`, `device`, `api-key`, `setup-token`, `import-claude-code`, … */
  readonly id: string;
  readonly kind: AuthMethodKind;
  readonly label: string;
  /** Signs in and returns the profile to store. Writes nothing: a failed login changes nothing on disk. */
  run(context: LoginContext): Promise<ProfileInput>;
}

export interface AuthPlugin {
  /** The provider id profiles are stored under (`openai-codex`, `github-copilot`, …). */
  readonly provider: string;
  readonly label: string;
  readonly methods: readonly AuthMethod[];
  /**
   * The model this provider recommends after a sign-in (`provider/model`), as OpenClaw's plugins return one:
   * `models auth login --set-default` makes it the default model. Absent: no recommendation.
   */
  readonly defaultModel?: string;
  /** Exchanges a stored credential for fresh tokens (OAuth providers). Single-use refresh tokens: call once. */
  refresh?(credential: OAuthCredential, context: RefreshContext): Promise<RefreshedTokens>;
  /** Reads who the tokens belong to, offline where the provider's tokens say it. */
  identity?(tokens: { access: string; idToken?: string }): Identity;
}

export type RefreshContext = Pick<LoginContext, "endpoints" | "env" | "signal" | "timing" | "now">;

let registered: Map<string, AuthPlugin> | undefined;

// Seeded on first use, not at import: the package is free of side effects, and a program that never signs in
// builds nothing.
function registry(): Map<string, AuthPlugin> {
  registered ??= new Map(
    [anthropicPlugin, githubCopilotPlugin, googleGeminiCliPlugin, minimaxPortalPlugin, openaiCodexPlugin].map(
      (p) => [p.provider, p],
    ),
  );
  return registered;
}

/** Adds (or replaces) the plugin for `plugin.provider`. Method ids must be unique within a plugin. */
export function registerAuthPlugin(plugin: AuthPlugin): void {
  const ids = plugin.methods.map((method) => method.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined)
    throw new TypeError(`Auth plugin "${plugin.provider}" declares the method "${repeated}" twice.`);
  registry().set(plugin.provider, plugin);
}

/** Every registered plugin, in provider order. */
export function authPlugins(): AuthPlugin[] {
  return [...registry().values()].sort((a, b) =>
    a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0,
  );
}

export function authPluginFor(provider: string): AuthPlugin | undefined {
  return registry().get(provider);
}
