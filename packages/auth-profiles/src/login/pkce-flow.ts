// The authorization-code flow with PKCE: a callback server on 127.0.0.1 that takes exactly one matching redirect, or a
// pasted redirect URL / code when there is no browser; then the code exchange.
import { createServer, type Server } from "node:http";
import { AuthLoginError } from "../errors.js";
import { createPkce, randomState, requestTokens, type TokenReply } from "./oauth.js";
import type { LoginUi } from "./plugin.js";

export interface PkceFlowOptions {
  readonly provider: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly scopes: readonly string[];
  /** Added to the authorize URL, e.g. `{ access_type: "offline", prompt: "consent" }`. */
  readonly authorizeParams?: Readonly<Record<string, string>>;
  /** The redirect: `http://<host>:<port><path>`; the server always binds 127.0.0.1. */
  readonly redirect: { readonly host?: string; readonly port: number; readonly path: string };
  /** Refuse another port when `redirect.port` is taken (PORT_BUSY) instead of trying the next ones. */
  readonly fixedPort?: boolean;
  readonly ui: LoginUi;
  readonly noBrowser?: boolean | undefined;
  readonly callbackTimeoutMs?: number | undefined;
  readonly httpTimeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface PkceFlowResult {
  readonly tokens: TokenReply;
  /** The redirect URI used, for a caller that must repeat it. */
  readonly redirectUri: string;
}

const PORT_TRIES = 10;
const DEFAULT_CALLBACK_TIMEOUT_MS = 5 * 60_000;

/** Runs the flow to its tokens. Throws AuthLoginError: DENIED, STATE_MISMATCH, PORT_BUSY, TIMEOUT, PROVIDER_ERROR, … */
export async function runPkceFlow(options: PkceFlowOptions): Promise<PkceFlowResult> {
  const pkce = createPkce();
  const state = randomState();
  const host = options.redirect.host ?? "localhost";
  let code: string;
  let redirectUri: string;
  if (options.noBrowser) {
    redirectUri = `http://${host}:${options.redirect.port}${options.redirect.path}`;
    const url = authorizeUrlOf(options, redirectUri, state, pkce.challenge);
    options.ui.log(`Open this URL in a browser and sign in:\n${url}`);
    const pasted = await options.ui.promptRedirectUrl(
      "Paste the URL your browser ended on (or just its code):",
    );
    code = codeFromPaste(pasted, state, options.provider);
  } else {
    const callback = await listen(options);
    redirectUri = `http://${host}:${callback.port}${options.redirect.path}`;
    try {
      const url = authorizeUrlOf(options, redirectUri, state, pkce.challenge);
      const waiting = callback.wait(state);
      waiting.catch(() => {});
      if (options.ui.openUrl) {
        options.ui.log(`Opening the browser to sign in. If it does not open, visit:\n${url}`);
        // A browser that fails to start is no reason to stop: the URL is shown, and the callback still waits.
        await Promise.resolve()
          .then(() => options.ui.openUrl?.(url))
          .catch(() => options.ui.log("Could not open a browser; open the URL above by hand."));
      } else options.ui.log(`Open this URL in a browser and sign in:\n${url}`);
      code = await waiting;
    } finally {
      callback.close();
    }
  }
  const tokens = await requestTokens(
    options.tokenUrl,
    {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      client_id: options.clientId,
      client_secret: options.clientSecret,
      code_verifier: pkce.verifier,
    },
    {
      provider: options.provider,
      timeoutMs: options.httpTimeoutMs,
      signal: options.signal,
      secrets: [pkce.verifier, state],
    },
  );
  return { tokens, redirectUri };
}

function authorizeUrlOf(
  options: PkceFlowOptions,
  redirectUri: string,
  state: string,
  challenge: string,
): string {
  const url = new URL(options.authorizeUrl);
  const params: Record<string, string> = {
    response_type: "code",
    client_id: options.clientId,
    redirect_uri: redirectUri,
    scope: options.scopes.join(" "),
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
    ...options.authorizeParams,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/** The code in a pasted redirect URL (its state checked) or a bare pasted code. */
export function codeFromPaste(pasted: string, state: string, provider: string): string {
  const text = pasted.trim();
  if (!text)
    throw new AuthLoginError("NOT_CONFIGURED", "Nothing was pasted; sign-in cancelled.", { provider });
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new AuthLoginError("NOT_CONFIGURED", "The pasted text is not a URL nor a code.", { provider });
    }
    return codeFromParams(url.searchParams, state, provider);
  }
  if (text.includes("code="))
    return codeFromParams(new URLSearchParams(text.replace(/^[?#]/, "")), state, provider);
  if (/\s/.test(text))
    throw new AuthLoginError("NOT_CONFIGURED", "The pasted code contains spaces.", { provider });
  return text;
}

function codeFromParams(params: URLSearchParams, state: string, provider: string): string {
  const error = params.get("error");
  if (error) throw providerRefusal(error, provider);
  if (params.get("state") !== state)
    throw new AuthLoginError(
      "STATE_MISMATCH",
      "The redirect does not belong to this sign-in (its state differs). Start the sign-in again and use its URL.",
      { provider },
    );
  const code = params.get("code");
  if (!code) throw new AuthLoginError("NOT_CONFIGURED", "The redirect carries no code.", { provider });
  return code;
}

function providerRefusal(error: string, provider: string): AuthLoginError {
  if (error === "access_denied")
    return new AuthLoginError("DENIED", "The sign-in was denied in the browser.", { provider });
  const shown = /^[A-Za-z0-9_.-]{1,64}$/.test(error) ? error : "an error";
  return new AuthLoginError("PROVIDER_ERROR", `The provider ended the sign-in with ${shown}.`, { provider });
}

interface Callback {
  readonly port: number;
  wait(state: string): Promise<string>;
  close(): void;
}

/** Binds the callback server: the asked port, else (unless fixed) the next free of a few, said through `log`. */
async function listen(options: PkceFlowOptions): Promise<Callback> {
  const first = options.redirect.port;
  const tries = options.fixedPort || first === 0 ? 1 : PORT_TRIES;
  let settle: ((result: { code?: string; error?: AuthLoginError }) => void) | undefined;
  const pending: { code?: string; error?: AuthLoginError }[] = [];
  let done = false;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (done || request.method !== "GET" || url.pathname !== options.redirect.path) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    done = true;
    let result: { code?: string; error?: AuthLoginError };
    try {
      result = { code: codeFromParams(url.searchParams, currentState, options.provider) };
    } catch (error) {
      result = { error: error as AuthLoginError };
    }
    response
      .writeHead(result.code ? 200 : 400, {
        "content-type": "text/plain; charset=utf-8",
        connection: "close",
      })
      .end(
        result.code
          ? "Signed in. You can close this window and return to the terminal."
          : "Sign-in failed. Return to the terminal for details.",
      );
    if (settle) settle(result);
    else pending.push(result);
  });
  let currentState = "";
  let port = first;
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      });
      break;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== "EADDRINUSE" && code !== "EACCES") throw error;
      if (attempt + 1 >= tries) {
        throw new AuthLoginError(
          "PORT_BUSY",
          `The callback port ${first} on 127.0.0.1 is in use${tries > 1 ? ` (and the next ${tries - 1})` : ""}. Close the program holding it, or sign in with --no-browser.`,
          { provider: options.provider },
        );
      }
      options.ui.log(`Port ${port} is in use; trying ${port + 1} for the sign-in callback.`);
      port += 1;
    }
  }
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return {
    port: bound,
    wait(state) {
      currentState = state;
      const timeoutMs = options.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new AuthLoginError(
              "TIMEOUT",
              `No sign-in arrived from the browser within ${Math.round(timeoutMs / 1000)} s. Run the sign-in again, or use --no-browser and paste the redirect URL.`,
              { provider: options.provider },
            ),
          );
        }, timeoutMs);
        const onAbort = () => {
          clearTimeout(timer);
          reject(options.signal?.reason);
        };
        options.signal?.addEventListener("abort", onAbort, { once: true });
        settle = (result) => {
          clearTimeout(timer);
          options.signal?.removeEventListener("abort", onAbort);
          if (result.error) reject(result.error);
          else resolve(result.code as string);
        };
        const early = pending.shift();
        if (early) settle(early);
      });
    },
    close() {
      closeServer(server);
    },
  };
}

function closeServer(server: Server): void {
  server.close();
  server.closeAllConnections();
}
