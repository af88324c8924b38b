// `models auth paste-token | paste-api-key | setup-token | add`: store one credential, read from stdin or a
// hidden prompt, never from argv.
import { type AuthStore, formatRemainingShort, putProfile, updateAuthStore } from "@modelctl/auth-profiles";
import { PROVIDERS } from "@modelctl/model-ref";
import {
  type AgentOptions,
  type AuthContext,
  openAuthContext,
  profileIdOption,
  providerOption,
} from "../auth-context.js";
import { parseDuration } from "../duration.js";
import { CliError, EXIT, usageError } from "../errors.js";
import { type Io, println, tildify } from "../io.js";
import { cancelled, isInteractive, loadPrompts, readSecret } from "../secret-input.js";
import { warnIgnoredState } from "../store-warning.js";

export interface SaveOptions extends AgentOptions {
  readonly provider?: string;
  readonly profileId?: string;
  readonly expiresIn?: string;
}

type Kind = "token" | "api_key";

interface Credential {
  readonly provider: string;
  readonly profileId: string;
  readonly kind: Kind;
  readonly secret: string;
  readonly expires?: number;
}

const pipeHint = (io: Io, command: string, provider: string) =>
  `Pipe it on stdin: printf %s "$SECRET" | ${io.programName} models auth ${command} --provider ${provider}`;

const what = (kind: Kind) => (kind === "token" ? "token" : "API key");

/** Writes the profile under the store's locks (`putProfile` keeps an existing profile's e-mail and metadata). */
async function save(io: Io, context: AuthContext, credential: Credential): Promise<void> {
  const { provider, profileId, kind, secret, expires } = credential;
  const { wrote, store } = await updateAuthStore(
    context.agent.agentDir,
    (draft) =>
      putProfile(
        draft,
        profileId,
        kind === "token"
          ? { type: kind, provider, token: secret, ...(expires === undefined ? {} : { expires }) }
          : { type: kind, provider, key: secret },
      ),
    { ...context.lock, ...context.load },
  );
  warnIgnoredState(io, store);
  const expiry = expires === undefined ? "" : `, expires in ${formatRemainingShort(expires - Date.now())}`;
  const where = tildify(context.store.profilesPath, io.homedir);
  println(
    io.stdout,
    wrote.profiles
      ? `Saved ${profileId} (${kind}${expiry}) in ${where}`
      : `No change to ${where} (${profileId} already holds this ${what(kind)})`,
  );
  noteOrderOverride(io, store, provider, profileId);
}

/** A note on stderr when the provider's order override leaves the new profile out, so it would not be used. */
export function noteOrderOverride(io: Io, store: AuthStore, provider: string, profileId: string): void {
  const order = store.state.order[provider];
  if (order && !order.includes(profileId)) {
    println(
      io.stderr,
      `Note: ${provider} has an order override (${order.join(", ")}) without ${profileId}, so it will not be used. Run \`${io.programName} models auth order set --provider ${provider} ${[profileId, ...order].join(" ")}\` to use it first.`,
    );
  }
}

function expiresOption(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== "string") throw usageError("--expires-in needs a value, like 12h or 365d.");
  return Date.now() + parseDuration(raw, "--expires-in");
}

async function pasteCommand(
  io: Io,
  context: AuthContext,
  kind: Kind,
  command: string,
  defaultName: string,
  options: SaveOptions,
): Promise<number> {
  const provider = providerOption(io, options.provider, `models auth ${command}`, {
    warnUnknownIn: context.config,
  });
  const profileId = profileIdOption(provider, options.profileId, defaultName);
  const expires = kind === "token" ? expiresOption(options.expiresIn) : undefined;
  const secret = await readSecret(
    io,
    what(kind),
    `Paste the ${what(kind)} for ${provider}`,
    pipeHint(io, command, provider),
  );
  await save(io, context, {
    provider,
    profileId,
    kind,
    secret,
    ...(expires === undefined ? {} : { expires }),
  });
  return EXIT.ok;
}

export const pasteTokenCommand = async (io: Io, options: SaveOptions) =>
  pasteCommand(io, await openAuthContext(io, options), "token", "paste-token", "manual", options);

export const pasteApiKeyCommand = async (io: Io, options: SaveOptions) =>
  pasteCommand(io, await openAuthContext(io, options), "api_key", "paste-api-key", "default", options);

export interface SetupTokenOptions extends SaveOptions {
  readonly run?: boolean;
}

const SETUP_TOKEN = /sk-ant-oat\d+-[A-Za-z0-9_-]{16,}/;
// The end of a text that may be the start of a token whose rest has not arrived yet (`s`, `sk-an`, `sk-ant-oat01-Ab`).
const TOKEN_IN_PROGRESS = /s(?:k(?:-(?:a(?:n(?:t(?:-(?:o(?:a(?:t[\w-]*)?)?)?)?)?)?)?)?)?$/;
const ONE_YEAR_MS = 365 * 86_400_000;
/** More than any sign-in prints; past it the program is stopped rather than buffered without end. */
const MAX_SETUP_OUTPUT = 1024 * 1024;

const maskTokens = (text: string) =>
  text.replace(new RegExp(SETUP_TOKEN.source, "g"), "sk-ant-oat…(captured)");

/** Runs `claude setup-token` with the terminal, and captures the token it prints without showing it. */
async function runClaudeSetupToken(io: Io): Promise<string> {
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn("claude", ["setup-token"], {
      stdio: ["inherit", "pipe", "inherit"],
      env: { ...io.env } as NodeJS.ProcessEnv,
    });
    let output = "";
    let overflowed = false;
    // Shown text lags behind by what could still become a token: a token split across two reads is masked whole.
    let held = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (overflowed || output.length + chunk.length > MAX_SETUP_OUTPUT) {
        overflowed = true;
        child.kill("SIGKILL");
        return;
      }
      output += chunk;
      // Show the tool's progress (it may ask the user to open a URL), with the token itself masked.
      const text = held + chunk;
      const cut = TOKEN_IN_PROGRESS.exec(text)?.index ?? text.length;
      held = text.slice(cut);
      if (cut > 0) io.stderr.write(maskTokens(text.slice(0, cut)));
    });
    child.stdout.on("end", () => {
      if (held) io.stderr.write(maskTokens(held));
      held = "";
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new CliError(
              "UNAVAILABLE",
              `\`claude\` is not on PATH. Install Claude Code, or run \`claude setup-token\` elsewhere and paste the token: ${pipeHint(io, "setup-token", "anthropic")}`,
            )
          : error,
      ),
    );
    child.on("close", (code) => {
      const token = SETUP_TOKEN.exec(output)?.[0];
      if (token) return resolve(token);
      if (overflowed)
        return reject(
          new CliError(
            "PROGRAM_FAILED",
            `\`claude setup-token\` printed more than ${MAX_SETUP_OUTPUT / 1024 / 1024} MiB without a token and was stopped; nothing was saved.`,
          ),
        );
      reject(
        new CliError(
          "PROGRAM_FAILED",
          `\`claude setup-token\` ${code === 0 ? "finished" : `exited with ${code}`} without printing a token; nothing was saved.`,
        ),
      );
    });
  });
}

/** `models auth setup-token`: an Anthropic setup token from `claude setup-token` (valid a year unless told). */
export async function setupTokenCommand(io: Io, options: SetupTokenOptions): Promise<number> {
  const context = await openAuthContext(io, options);
  const provider = providerOption(io, options.provider ?? "anthropic", "models auth setup-token", {
    warnUnknownIn: context.config,
  });
  const profileId = profileIdOption(provider, options.profileId, "default");
  const expires = expiresOption(options.expiresIn) ?? Date.now() + ONE_YEAR_MS;
  const secret = options.run
    ? await runClaudeSetupToken(io)
    : await readSecret(
        io,
        "token",
        "Paste the token printed by `claude setup-token`",
        pipeHint(io, "setup-token", provider),
      );
  await save(io, context, { provider, profileId, kind: "token", secret, expires });
  return EXIT.ok;
}

export interface AddOptions extends SaveOptions {
  readonly method?: string;
}

const METHODS = new Map<string, Kind>([
  ["api-key", "api_key"],
  ["api_key", "api_key"],
  ["token", "token"],
]);

/** `models auth add`: asks for what is missing on a terminal; with flags and stdin it runs unattended. */
function methodOption(raw: string): Kind {
  const kind = METHODS.get(raw.trim().toLowerCase());
  if (kind === undefined) throw usageError(`Invalid --method ${JSON.stringify(raw)}: use api-key or token.`);
  return kind;
}

export async function addCommand(io: Io, options: AddOptions): Promise<number> {
  const context = await openAuthContext(io, options);
  const interactive = isInteractive(io);
  // Flags are checked before anything is asked: a bad one is refused at once, and none reaches the prompts raw.
  let providerRaw =
    options.provider === undefined ? undefined : providerOption(io, options.provider, "models auth add");
  let methodRaw = options.method;
  if (methodRaw !== undefined) methodOption(methodRaw);
  let profileRaw = options.profileId;
  if (interactive && (providerRaw === undefined || methodRaw === undefined)) {
    const prompts = await loadPrompts();
    const output = io.stderr as NodeJS.WriteStream;
    if (providerRaw === undefined) {
      const picked = await prompts.select({
        message: "Provider",
        output,
        options: PROVIDERS.map((provider) => ({
          value: provider.id,
          label: provider.displayName,
          hint: provider.id,
        })),
      });
      if (prompts.isCancel(picked)) throw cancelled();
      providerRaw = picked;
    }
    if (methodRaw === undefined) {
      const picked = await prompts.select({
        message: "Method",
        output,
        options: [
          { value: "api-key", label: "API key" },
          { value: "token", label: "Token (bearer or setup token)" },
        ],
      });
      if (prompts.isCancel(picked)) throw cancelled();
      methodRaw = picked;
    }
    if (profileRaw === undefined) {
      const fallback = `${providerRaw}:${methodRaw === "token" ? "manual" : "default"}`;
      const picked = await prompts.text({
        message: "Profile id",
        output,
        placeholder: fallback,
        defaultValue: fallback,
      });
      if (prompts.isCancel(picked)) throw cancelled();
      profileRaw = picked;
    }
  }
  if (providerRaw === undefined || methodRaw === undefined) {
    throw usageError(
      `models auth add needs --provider <id> and --method <api-key|token> when not run on a terminal, with the secret on stdin: printf %s "$SECRET" | ${io.programName} models auth add --provider openai --method api-key`,
    );
  }
  const kind = methodOption(methodRaw);
  return pasteCommand(
    io,
    context,
    kind,
    kind === "token" ? "paste-token" : "paste-api-key",
    kind === "token" ? "manual" : "default",
    {
      ...options,
      provider: providerRaw,
      ...(profileRaw === undefined ? {} : { profileId: profileRaw }),
    },
  );
}
