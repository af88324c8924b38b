// Error text from providers, made safe to print: every secret we sent and every key-like fragment removed,
// then cut to one short line. Providers echo keys back ("Incorrect API key provided: sk-pr***********wxyz").

const REDACTED = "[redacted]";
const FRAGMENT = 6;
const MAX_LENGTH = 240;

// Prefixes of well-known key formats: a word that starts with one of them is a key whoever it belongs to.
const KEY_PREFIX =
  /^(?:sk-|sk_|rk-|pk-|gsk_|xai-|AIza|ghp_|gho_|github_pat_|hf_|nvapi-|csk-|fw_|pplx-|Bearer\b)/i;

/** Every substring of length `FRAGMENT` of the secrets: a word sharing one of them carries part of a key. */
function fragmentsOf(secrets: readonly string[]): Set<string> {
  const fragments = new Set<string>();
  for (const secret of secrets)
    for (let start = 0; start + FRAGMENT <= secret.length; start += 1)
      fragments.add(secret.slice(start, start + FRAGMENT));
  return fragments;
}

function holdsFragment(word: string, fragments: Set<string>): boolean {
  for (let start = 0; start + FRAGMENT <= word.length; start += 1)
    if (fragments.has(word.slice(start, start + FRAGMENT))) return true;
  return false;
}

/**
 * Removes the secrets (whole, or any 6-character piece of them), masked keys (`sk-ab***yz`) and words shaped like
 * known key formats; collapses whitespace and shortens the text to one line.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const usable = secrets.filter((secret) => secret.length >= 4);
  let out = text;
  for (const secret of usable) out = out.split(secret).join(REDACTED);
  const fragments = fragmentsOf(usable);
  out = out.replace(/[\w\-.*+/=:~]{6,}/g, (word) =>
    word.includes("**") || KEY_PREFIX.test(word) || holdsFragment(word, fragments) ? REDACTED : word,
  );
  out = out.replace(/\s+/g, " ").trim();
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH - 1)}…` : out;
}
