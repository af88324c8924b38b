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
  /** Time allowed for an exec ref. Default 10 s. */
  readonly execTimeoutMs?: number;
}

/** Like `resolveCredentialSync`, and reads file and exec refs when `readRefs` is set. */
export async function resolveCredential(
  value: CredentialValue,
  options: ResolveOptions,
): Promise<Resolution> {
  const sync = resolveCredentialSync(value, options.env);
  if (sync.status !== "deferred" || !options.readRefs || value.kind !== "ref") return sync;
  const { ref } = value;
  const source = `${ref.source}:${ref.id}`;
  const failed = (reason: string): Resolution => ({ status: "unresolved", source, reason });
  if (ref.source === "file") {
    const { readFile } = await import("./fs-async.js");
    const { homedir } = await import("node:os");
    const path = ref.id.startsWith("~/") ? `${homedir()}${ref.id.slice(1)}` : ref.id;
    try {
      const text = (await readFile(path, "utf8")).trim();
      return text ? { status: "resolved", secret: new Secret(text), source } : failed(`${path} is empty`);
    } catch (error) {
      return failed(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  if (ref.source === "exec") {
    const { execFile } = await import("node:child_process");
    return new Promise((resolve) => {
      execFile(
        "/bin/sh",
        ["-c", ref.id],
        { timeout: options.execTimeoutMs ?? 10_000, encoding: "utf8", env: { ...options.env } },
        (error, stdout) => {
          // The command's stderr and exit message may echo the secret: report the outcome only.
          if (error) return resolve(failed("the command failed"));
          const text = stdout.trim();
          resolve(
            text
              ? { status: "resolved", secret: new Secret(text), source }
              : failed("the command printed nothing"),
          );
        },
      );
    });
  }
  return failed(`unknown ref source "${ref.source}" (expected env, file or exec)`);
}
