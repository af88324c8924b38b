// For each package's index.test.ts: the names an index.ts exports, and which of them its README does not show.

/** Every name `source` (an index.ts of named re-exports) exports, values and types, sorted. */
export function exportedNames(source: string): string[] {
  const names: string[] = [];
  for (const [, list = ""] of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const item of list.split(",")) {
      const name = item
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .at(-1);
      if (name) names.push(name);
    }
  return names.sort();
}

/** The names of `names` that `readme` never shows as code, in a code span or a code block. */
export function undocumented(names: readonly string[], readme: string): string[] {
  const blocks = readme.match(/```[\s\S]*?```/g) ?? [];
  const spans = readme.replace(/```[\s\S]*?```/g, "").match(/`[^`\n]+`/g) ?? [];
  const code = [...blocks, ...spans].join("\n");
  return names.filter((name) => !new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(code));
}
