// `models auth login`: sign in with a provider's auth plugin (a browser and a local callback, a device code, a
// pasted key or token, or an import) and store the profile it returns; `--set-default` applies the model the plugin
// recommends. The flows are @modelctl/auth-profiles/login's; this module is their terminal (or pipe) and the store.
import {
  formatRemainingShort,
  type ProfileInput,
  putProfile,
  updateAuthStore,
} from "@modelctl/auth-profiles";
import type { AuthMethod, AuthPlugin, LoginUi } from "@modelctl/auth-profiles/login";
import { setPrimary, unsafeCharacter } from "@modelctl/model-ref";
import {
  type AgentOptions,
  type AuthContext,
  openAuthContext,
  profileIdOption,
  providerOption,
} from "../auth-context.js";
import { editWithRef } from "../config-edit.js";
import { EXIT, usageError } from "../errors.js";
import { type Io, printJson, printLines, println, tildify } from "../io.js";
import { openUrl } from "../open-url.js";
import type { AuthLoginJson } from "../schemas.js";
import { cancelled, isInteractive, loadPrompts, readSecret } from "../secret-input.js";
import { warnIgnoredState } from "../store-warning.js";
import { noteOrderOverride } from "./auth-save.js";

export interface LoginOptions extends AgentOptions {
  readonly provider?: string;
  readonly method?: string;
  readonly profileId?: string;
  readonly setDefault?: boolean;
  /** False with --no-browser. */
  readonly browser?: boolean;
  readonly enterpriseDomain?: string;
  readonly json?: boolean;
}

/** More than any redirect URL; a longer first line on stdin is refused rather than buffered without end. */
const MAX_REDIRECT_BYTES = 16 * 1024;

const COMMAND = "models auth login";

// The flows by import(): the bin keeps them outside its bundle, so no start pays for node:http (tsup.config.ts).
type Flows = typeof import("@modelctl/auth-profiles/login");

/** `--provider`, which must be one with a sign-in plugin (64 otherwise, naming those that have one). */
function pluginOf(io: Io, { authPluginFor, authPlugins }: Flows, raw: unknown): AuthPlugin {
  const provider = providerOption(io, raw, COMMAND);
  const plugin = authPluginFor(provider);
  if (plugin) return plugin;
  throw usageError(
    `No sign-in for the provider "${provider}". Providers with one: ${authPlugins()
      .map((p) => p.provider)
      .join(
        ", ",
      )}. For an API key: printf %s "$KEY" | ${io.programName} models auth paste-api-key --provider ${provider}`,
  );
}

const methodList = (plugin: AuthPlugin) =>
  plugin.methods.map((method) => `${method.id} (${method.label})`).join(", ");

/** `--method`, else the only method, else a choice on a terminal; without one, 64 naming the method ids. */
async function methodOf(io: Io, plugin: AuthPlugin, raw: unknown): Promise<AuthMethod> {
  if (raw !== undefined) {
    const id = typeof raw === "string" ? raw.trim() : "";
    const method = plugin.methods.find((m) => m.id === id);
    if (method) return method;
    throw usageError(
      `Invalid --method ${JSON.stringify(String(raw))} for ${plugin.provider}: use one of ${methodList(plugin)}.`,
    );
  }
  const [only] = plugin.methods;
  if (only && plugin.methods.length === 1) return only;
  if (!isInteractive(io))
    throw usageError(
      `${plugin.provider} has several sign-in methods; choose one with --method: ${methodList(plugin)}.`,
    );
  const prompts = await loadPrompts();
  const picked = await prompts.select({
    message: `Sign in to ${plugin.label} with`,
    output: io.stderr as NodeJS.WriteStream,
    options: plugin.methods.map((method) => ({ value: method.id, label: method.label, hint: method.id })),
  });
  if (prompts.isCancel(picked)) throw cancelled();
  return plugin.methods.find((m) => m.id === picked) as AuthMethod;
}

/** The CI convention: any value but empty, "0" or "false" means an unattended run, where no browser is started. */
const inCi = (io: Io) => {
  const value = io.env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
};

/**
 * The first line of stdin (the pasted redirect URL or code, without a terminal), read up to a cap; stdin is not
 * read further.
 */
async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    const newline = bytes.indexOf(0x0a);
    chunks.push(newline === -1 ? bytes : bytes.subarray(0, newline));
    size += newline === -1 ? bytes.length : newline;
    if (size > MAX_REDIRECT_BYTES)
      throw usageError(
        `The first line on stdin is over ${MAX_REDIRECT_BYTES / 1024} KiB: not a redirect URL.`,
      );
    if (newline !== -1) break;
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** What the flows show and ask: everything on stderr (stdout is the result), prompts on a terminal, else stdin. */
function loginUi(io: Io, plugin: AuthPlugin, method: AuthMethod, browser: boolean): LoginUi {
  const interactive = isInteractive(io);
  const hint = `printf '%s\\n' "$REDIRECT_URL" | ${io.programName} ${COMMAND} --provider ${plugin.provider} --method ${method.id} --no-browser`;
  return {
    // Flows write a message and a URL on two lines; each line is escaped on its own.
    log: (message) => printLines(io.stderr, message.split("\n")),
    showDeviceCode: (url, code) =>
      printLines(io.stderr, [
        `To sign in, open ${url} and enter the code ${code}`,
        "Waiting for the sign-in to finish…",
      ]),
    async promptRedirectUrl(message) {
      if (!interactive) {
        const line = (await firstLine(io.stdin)).trim();
        if (line === "") throw usageError(`No redirect URL or code on stdin. ${hint}`);
        return line;
      }
      const prompts = await loadPrompts();
      const value = await prompts.text({
        message,
        output: io.stderr as NodeJS.WriteStream,
        validate: (entered) =>
          entered?.trim() ? undefined : "Paste the URL (or code), or press Ctrl+C to cancel.",
      });
      if (prompts.isCancel(value)) throw cancelled();
      return value;
    },
    promptSecret: (message) => {
      const what = method.kind === "api-key" ? "API key" : "token";
      return readSecret(
        io,
        what,
        message,
        `Pipe it on stdin: printf %s "$SECRET" | ${io.programName} ${COMMAND} --provider ${plugin.provider} --method ${method.id}`,
      );
    },
    ...(browser ? { openUrl: (url: string) => openUrl(url, io.env) } : {}),
  };
}

/**
 * The profile id when --profile-id is not given, as OpenClaw names them: an OAuth sign-in that says whose account it
 * is is `<provider>:<email>` (a second account gets a profile of its own; signing in again replaces its own), an
 * import is named for where it came from (`anthropic:claude-cli`), anything else `<provider>:default`.
 */
export function defaultProfileId(provider: string, method: AuthMethod, profile: ProfileInput): string {
  if (method.kind === "import") {
    const source = method.id === "import-claude-code" ? "claude-cli" : method.id.replace(/^import-/, "");
    return `${provider}:${source}`;
  }
  const email = profile.type === "oauth" ? profile.email : undefined;
  // An e-mail is the provider's text: only one that reads as a plain address becomes part of an id.
  if (
    typeof email === "string" &&
    email.length <= 254 &&
    /^[^\s:@]+@[^\s:@]+$/.test(email) &&
    !unsafeCharacter(email)
  )
    return `${provider}:${email}`;
  return `${provider}:default`;
}

const modeOf = (profile: ProfileInput) => profile.type;
const expiresOf = (profile: ProfileInput): number | undefined =>
  profile.type === "api_key" ? undefined : typeof profile.expires === "number" ? profile.expires : undefined;

/** Writes the profile under the store's locks; a sign-in that failed never gets here, so it changes nothing. */
async function store(io: Io, context: AuthContext, profileId: string, profile: ProfileInput) {
  const { wrote, store } = await updateAuthStore(
    context.agent.agentDir,
    (draft) => putProfile(draft, profileId, profile),
    { ...context.lock, ...context.load },
  );
  warnIgnoredState(io, store);
  noteOrderOverride(io, store, profile.provider, profileId);
  return wrote.profiles;
}

/** The same Io with stdout sent to stderr: `--json` keeps stdout for its one document. */
function stdoutToStderr(io: Io): Io {
  return Object.defineProperties(Object.defineProperties({}, Object.getOwnPropertyDescriptors(io)), {
    stdout: { get: () => io.stderr, enumerable: true, configurable: true },
  }) as Io;
}

export async function authLoginCommand(io: Io, options: LoginOptions): Promise<number> {
  const json = options.json === true;
  // Everything the command line can get wrong is refused before the sign-in starts: nothing to do it again for.
  const context = await openAuthContext(io, options);
  const flows = await import("@modelctl/auth-profiles/login");
  const plugin = pluginOf(io, flows, options.provider);
  const provider = plugin.provider;
  const explicitId =
    options.profileId === undefined ? undefined : profileIdOption(provider, options.profileId, "default");
  if (options.setDefault && plugin.defaultModel === undefined)
    throw usageError(
      `${provider} recommends no default model, so --set-default has nothing to set. Sign in without it, then run \`${io.programName} models set <provider/model>\`.`,
    );
  let enterpriseDomain: string | undefined;
  if (options.enterpriseDomain !== undefined) {
    if (provider !== "github-copilot")
      throw usageError("--enterprise-domain is for --provider github-copilot (GitHub Enterprise) only.");
    enterpriseDomain = String(options.enterpriseDomain).trim();
    if (!enterpriseDomain)
      throw usageError("--enterprise-domain needs a host, e.g. --enterprise-domain github.example.com.");
  }
  const method = await methodOf(io, plugin, options.method);
  const noBrowser = options.browser === false;
  // A browser is started only for a person at a terminal; in CI or a pipe the URL is printed and the callback awaited.
  const browser = !noBrowser && isInteractive(io) && io.stderr.isTTY === true && !inCi(io);

  const profile = await flows.login({
    provider,
    method: method.id,
    env: io.env,
    ui: loginUi(io, plugin, method, browser),
    noBrowser,
    homeDir: io.homedir,
    ...(enterpriseDomain === undefined ? {} : { options: { enterpriseDomain } }),
  });

  const profileId = explicitId ?? defaultProfileId(provider, method, profile);
  const changed = await store(io, context, profileId, profile);
  const expires = expiresOf(profile);
  const email = profile.type === "oauth" && typeof profile.email === "string" ? profile.email : undefined;
  const accountId =
    profile.type === "oauth" && typeof profile.accountId === "string" ? profile.accountId : undefined;
  const where = tildify(context.store.profilesPath, io.homedir);
  if (!json) {
    const details = [
      modeOf(profile),
      ...(email === undefined ? [] : [email]),
      ...(expires === undefined ? [] : [`expires in ${formatRemainingShort(expires - Date.now())}`]),
    ].join(", ");
    println(
      io.stdout,
      changed
        ? `Saved ${profileId} (${details}) in ${where}`
        : `No change to ${where} (${profileId} already holds this sign-in)`,
    );
  }

  let defaultModelSet = false;
  if (options.setDefault && plugin.defaultModel !== undefined) {
    const out = json ? stdoutToStderr(io) : io;
    try {
      const { key } = await editWithRef(out, options, plugin.defaultModel, (config, key) =>
        setPrimary(config, "model", key),
      );
      println(out.stdout, `Default model: ${key}`);
    } catch (error) {
      println(io.stderr, `Note: ${profileId} was saved; the default model was not changed.`);
      throw error;
    }
    defaultModelSet = true;
  } else if (plugin.defaultModel !== undefined && !json) {
    println(
      io.stderr,
      `Default model available: ${plugin.defaultModel} (use --set-default, or \`${io.programName} models set ${plugin.defaultModel}\`, to apply it).`,
    );
  }

  if (json) {
    const doc: AuthLoginJson = {
      providerId: provider,
      methodId: method.id,
      profiles: [
        {
          profileId,
          provider: profile.provider,
          mode: modeOf(profile),
          expires: expires ?? null,
          ...(email === undefined ? {} : { email }),
          ...(accountId === undefined ? {} : { accountId }),
        },
      ],
      ...(plugin.defaultModel === undefined ? {} : { defaultModel: plugin.defaultModel }),
      defaultModelSet,
      agentDir: context.agent.agentDir,
      storePath: context.store.profilesPath,
      changed,
    };
    printJson(io, doc);
  }
  return EXIT.ok;
}
