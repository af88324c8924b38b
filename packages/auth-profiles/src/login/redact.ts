// What of a provider's error reply may be shown: its OAuth `error` code and a short description with every secret we
// sent and anything token-shaped replaced. The raw body never reaches an error or a log.

const TOKEN_SHAPED = /[A-Za-z0-9._~+/=-]{24,}/g;

/** `text` with each of `secrets` and every long token-shaped run replaced by `[redacted]`, cut to `max` characters. */
export function redact(text: string, secrets: readonly string[], max = 200): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  out = [...out.replace(TOKEN_SHAPED, "[redacted]")].map((c) => (isControl(c) ? " " : c)).join("");
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** The OAuth `error` code of an error body (`invalid_grant`), when it is a plain code. */
export function oauthErrorCode(text: string): string | undefined {
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    return typeof error === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(error) ? error : undefined;
  } catch {
    return undefined;
  }
}

/** A one-line summary of an OAuth error body (`{ error, error_description }`), redacted; "" when it has none. */
export function describeErrorBody(text: string, secrets: readonly string[]): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "";
  }
  if (typeof body !== "object" || body === null) return "";
  const { error, error_description: description, message } = body as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof error === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(error)) parts.push(error);
  const detail = typeof description === "string" ? description : typeof message === "string" ? message : "";
  if (detail) parts.push(redact(detail, secrets));
  return parts.join(": ");
}

// C0 and C1 controls: a provider's text must not move the cursor or recolour a terminal.
function isControl(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
