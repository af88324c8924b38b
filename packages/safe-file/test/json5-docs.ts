// JSON5 documents for property tests: every spelling json5 accepts (keys bare, quoted and escaped, numbers in every
// notation, comments and blanks anywhere), each with whether an object in it has a key twice.
import fc from "fast-check";

// A generated JSON5 document: its text, spelled every way json5 allows, and whether an object has a key twice.
export interface Doc {
  readonly text: string;
  readonly duplicate: boolean;
}

const SPACE = fc.constantFrom(
  " ",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\v",
  "\f",
  "\u00A0",
  "\uFEFF",
  "\u2028",
  "\u2029",
  "\u3000",
);
const LINE_END = fc.constantFrom("\n", "\r", "\r\n", "\u2028", "\u2029");
const COMMENT_TEXT = fc.constantFrom("", " c", ' "a": 1,', " } ]", " /* x", " 'q", " \\u0061:");
export const gap = fc
  .array(
    fc.oneof(
      SPACE,
      fc.tuple(COMMENT_TEXT, LINE_END).map(([t, end]) => `//${t}${end}`),
      COMMENT_TEXT.map((t) => `/*${t.replace("/*", "")} // */`),
    ),
    { maxLength: 2 },
  )
  .map((parts) => parts.join(""));

const KEY = fc.constantFrom(
  "a",
  "b",
  "ab",
  "$x",
  "_",
  "\u00e4",
  "Infinity",
  "null",
  "a b",
  'x"y',
  "'",
  "\\",
  "\u2028",
);
const hex4 = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
const isIdentifier = (key: string) => /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.test(key);

/** One spelling of a key: bare (maybe with \u escapes), or quoted with any of JSON5's escapes. */
const keySpelling = (key: string) =>
  fc.integer({ min: 0, max: 5 }).map((how) => {
    const chars = [...key];
    const quoted = (quote: string, spell: (c: string) => string) =>
      `${quote}${chars.map((c) => (c === quote || c === "\\" || c === "\u2028" ? hex4(c) : spell(c))).join("")}${quote}`;
    if (how <= 1 && isIdentifier(key))
      return how === 0 ? key : chars.map((c, i) => (i === 0 ? hex4(c) : c)).join("");
    if (how === 2) return quoted("'", (c) => c);
    if (how === 3) return quoted('"', (c) => (/[a-z]/.test(c) ? `\\x${c.charCodeAt(0).toString(16)}` : c));
    if (how === 4) return quoted('"', (c) => (/[ac-eg-mo-qswyz]/.test(c) ? `\\\r\n\\${c}` : c));
    return quoted('"', (c) => c);
  });

const NUMBER = fc.constantFrom(
  "1",
  "-0",
  "+1",
  ".5",
  "5.",
  "0x1F",
  "-0x10",
  "12345678901234567890",
  "1e400",
  "-1.5e-3",
  "Infinity",
  "-Infinity",
  "NaN",
);
const STRING = fc.constantFrom('"x"', "'}{'", '"// not a comment"', "'\\'/*'", '"a\\\nb"', '"\u2028"');

export const { doc } = fc.letrec<{ doc: Doc; value: Doc }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc
      .oneof(NUMBER, STRING, fc.constantFrom("true", "false", "null"))
      .map((text) => ({ text, duplicate: false })),
    fc
      .tuple(fc.array(fc.tuple(gap, tie("value")), { maxLength: 3 }), fc.boolean(), gap)
      .map(([items, trailing, end]) => ({
        text: `[${items.map(([g, v]) => `${g}${v.text}`).join(",")}${trailing && items.length > 0 ? "," : ""}${end}]`,
        duplicate: items.some(([, v]) => v.duplicate),
      })),
    tie("doc"),
  ),
  doc: fc
    .tuple(
      fc.array(
        fc.tuple(
          gap,
          KEY.chain((key) => keySpelling(key).map((spelling) => [key, spelling] as const)),
          gap,
          tie("value"),
        ),
        {
          maxLength: 4,
        },
      ),
      fc.boolean(),
      gap,
    )
    .map(([members, trailing, end]) => {
      const keys = members.map(([, [key]]) => key);
      return {
        text: `{${members.map(([g1, [, spelling], g2, v]) => `${g1}${spelling}${g2}:${v.text}`).join(",")}${trailing && members.length > 0 ? "," : ""}${end}}`,
        duplicate: new Set(keys).size < keys.length || members.some(([, , , v]) => v.duplicate),
      };
    }),
}));
