// How a secret is shown: a few characters from each end, never more than 8 in all or a quarter of the secret.

const MAX_REVEALED = 8;

/**
 * `sk-test-1234567890abcdefghijklmnopqrstuv` → `sk-t...stuv`. Short secrets reveal less (a 12-character token shows
 * 3 characters, one of 3 characters shows none: `...`); an empty value is `missing`.
 */
export function maskSecret(value: string): string {
  const trimmed = value.trim();
  if (trimmed === "") return "missing";
  const revealed = Math.min(MAX_REVEALED, Math.floor(trimmed.length / 4));
  const head = Math.ceil(revealed / 2);
  const tail = revealed - head;
  return `${trimmed.slice(0, head)}...${tail === 0 ? "" : trimmed.slice(-tail)}`;
}
