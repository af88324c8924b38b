// Turns a credential into the secret to send: inline values as they are, markers and env refs through the env,
// file and exec refs only when the caller asks for them to be read.
import type { CredentialValue } from "./credential.js";
import { Secret } from "./secret.js";

export type Resolution =
  | { readonly status: "resolved"; readonly secret: Secret; readonly source: string }
  /** A marker for a credential held elsewhere (`ollama-local`, `secretref-managed`, `oauth:x`): nothing to send. */
  | { readonly status: "external"; readonly source: string }
  /** A file or exec ref that was not read because the caller did not ask for it. */
  | { readonly status: "deferred"; readonly source: string }
  | { readonly status: "unresolved"; readonly source: string; readonly reason: string }
  | { readonly status: "missing" };

export type Env = Readonly<Record<string, string | undefined>>;

function fromEnv(env: Env, name: string, source: string): Resolution {
  const value = env[name]?.trim();
  return value
    ? { status: "resolved", secret: new Secret(value), source }
    : { status: "unresolved", source, reason: `${name} is not set` };
}

/** Resolves without I/O: env vars only; file and exec refs are `deferred`. */
export function resolveCredentialSync(value: CredentialValue, env: Env): Resolution {
  switch (value.kind) {
    case "secret":
      return { status: "resolved", secret: value.secret, source: "store" };
    case "oauth":
      return value.access
        ? { status: "resolved", secret: value.access, source: "store" }
        : { status: "unresolved", source: "store", reason: "no access token (refresh needed)" };
    case "marker":
      return value.marker.envVar
        ? fromEnv(env, value.marker.envVar, `env:${value.marker.envVar}`)
        : { status: "external", source: `marker:${value.marker.value}` };
    case "ref":
      if (value.ref.source === "env") return fromEnv(env, value.ref.id, `env:${value.ref.id}`);
      return { status: "deferred", source: `${value.ref.source}:${value.ref.id}` };
    case "missing":
      return { status: "missing" };
  }
}

export interface ResolveOptions {
  readonly env: Env;
  /** Read `file` refs and run `exec` refs (a shell command that prints the secret). Off unless asked. */
  readonly readRefs?: boolean;
  /**
   * Time allowed for reading a file ref or running an exec ref; past it the ref is `unresolved`, and an exec ref's
   * command is killed with everything it started. Default 10 s.
   */
  readonly timeoutMs?: number;
  /** What a file ref's leading `~/` stands for; the user's home folder (`os.homedir()`) by default. */
  readonly homedir?: string;
  /** @deprecated The former name of `timeoutMs`, which bounds file refs too. */
  readonly execTimeoutMs?: number;
}

/**
 * Like `resolveCredentialSync`, and reads file and exec refs when `readRefs` is set: a file ref only if it is a
 * regular file of at most 64 KiB, an exec ref's output up to 64 KiB, each within `timeoutMs`.
 */
export async function resolveCredential(
  value: CredentialValue,
  options: ResolveOptions,
): Promise<Resolution> {
  const sync = resolveCredentialSync(value, options.env);
  if (sync.status !== "deferred" || !options.readRefs || value.kind !== "ref") return sync;
  const { ref } = value;
  const source = `${ref.source}:${ref.id}`;
  const timeoutMs = options.timeoutMs ?? options.execTimeoutMs ?? 10_000;
  const failed = (reason: string): Resolution => ({ status: "unresolved", source, reason });
  if (ref.source !== "file" && ref.source !== "exec")
    return failed(`unknown ref source "${ref.source}" (expected env, file or exec)`);
  const { readFileRef, runExecRef } = await import("./refs.js");
  let outcome: Awaited<ReturnType<typeof readFileRef>>;
  let empty: string;
  if (ref.source === "file") {
    const home = ref.id.startsWith("~/") ? (options.homedir ?? (await import("node:os")).homedir()) : "";
    const path = ref.id.startsWith("~/") ? `${home}${ref.id.slice(1)}` : ref.id;
    outcome = await readFileRef(path, timeoutMs);
    empty = `${path} is empty`;
  } else {
    outcome = await runExecRef(ref.id, options.env, timeoutMs);
    empty = "the command printed nothing";
  }
  if ("reason" in outcome) return failed(outcome.reason);
  const text = outcome.text.trim();
  return text ? { status: "resolved", secret: new Secret(text), source } : failed(empty);
}
