// The device authorization grant (RFC 8628): ask for a code, show it, poll the token endpoint at the server's
// interval, five seconds slower on each `slow_down`, until a token, a denial or the code's expiry.
import { setTimeout as delay } from "node:timers/promises";
import * as z from "zod/mini";
import { AuthLoginError } from "../errors.js";
import { lazy } from "../lazy.js";
import { jsonOf, postForm, send } from "./http.js";
import { readTokenReply, type TokenReply } from "./oauth.js";
import type { LoginUi } from "./plugin.js";

export interface DeviceFlowOptions {
  readonly provider: string;
  readonly deviceCodeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** Headers both requests send (e.g. a client's User-Agent). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly ui: LoginUi;
  readonly httpTimeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The wait between polls; default a real timer. Tests pass one that returns at once and records `ms`. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  readonly now?: (() => number) | undefined;
}

const deviceReplySchema = lazy(() =>
  z.looseObject({
    device_code: z.string().check(z.minLength(1)),
    user_code: z.string().check(z.minLength(1)),
    verification_uri: z.optional(z.string()),
    verification_url: z.optional(z.string()),
    verification_uri_complete: z.optional(z.string()),
    expires_in: z.optional(z.number()),
    interval: z.optional(z.number()),
  }),
);

const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;
const DEFAULT_EXPIRES_S = 900;

/** Runs the flow to its tokens. Throws AuthLoginError: DENIED, EXPIRED, PROVIDER_ERROR, NETWORK, TIMEOUT. */
export async function runDeviceFlow(options: DeviceFlowOptions): Promise<TokenReply> {
  const http = { provider: options.provider, timeoutMs: options.httpTimeoutMs, signal: options.signal };
  const headers = { ...options.headers };
  const started = await postForm(
    options.deviceCodeUrl,
    { client_id: options.clientId, scope: options.scopes.join(" ") },
    { ...http, headers },
  );
  const parsed = deviceReplySchema().safeParse(started);
  const verification = parsed.success
    ? (parsed.data.verification_uri ?? parsed.data.verification_url)
    : undefined;
  if (!parsed.success || !verification)
    throw new AuthLoginError(
      "PROVIDER_ERROR",
      "The device authorization endpoint answered without a device_code, user_code and verification_uri.",
      { provider: options.provider },
    );
  const device = parsed.data;
  options.ui.showDeviceCode(verification, device.user_code);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const expires = now() + (device.expires_in ?? DEFAULT_EXPIRES_S) * 1000;
  let interval = Math.max(0, device.interval ?? DEFAULT_INTERVAL_S);
  const secrets = [device.device_code];
  for (;;) {
    if (now() >= expires) throw expired(options.provider);
    await sleep(interval * 1000, options.signal);
    options.signal?.throwIfAborted();
    const body = new URLSearchParams({
      client_id: options.clientId,
      device_code: device.device_code,
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    });
    const reply = await send(
      options.tokenUrl,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          ...headers,
        },
        body: body.toString(),
      },
      { ...http, secrets },
    );
    // GitHub answers pending states with HTTP 200 and an `error` field; RFC 8628 servers with 400. Read both.
    let json: unknown;
    try {
      json = JSON.parse(reply.text);
    } catch {
      json = undefined;
    }
    const error =
      typeof json === "object" && json !== null
        ? (json as { error?: unknown; interval?: unknown }).error
        : undefined;
    if (typeof error === "string") {
      if (error === "authorization_pending") continue;
      if (error === "slow_down") {
        const asked = (json as { interval?: unknown }).interval;
        interval = typeof asked === "number" && asked > interval ? asked : interval + SLOW_DOWN_S;
        continue;
      }
      if (error === "expired_token") throw expired(options.provider);
      if (error === "access_denied")
        throw new AuthLoginError("DENIED", "The device sign-in was denied.", { provider: options.provider });
    }
    return readTokenReply(
      options.tokenUrl,
      jsonOf(options.tokenUrl, reply, { ...http, secrets }),
      options.provider,
    );
  }
}

function expired(provider: string): AuthLoginError {
  return new AuthLoginError(
    "EXPIRED",
    "The device code expired before the sign-in was finished. Start again.",
    {
      provider,
    },
  );
}
