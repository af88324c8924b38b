// Writes src/catalog-data.ts, the offline model catalog, from the JSON model data of the pinned devDependency
// @earendil-works/pi-ai. `--check` writes nothing and exits 1 when the committed file differs from what it would write.
//
//   pnpm --filter @modelctl/model-ref catalog:generate     (builds first: this script imports ../dist)
//   node scripts/generate-catalog.mjs --check [--file <path>]
//
// Output is deterministic: entries sorted by provider, then id (code-unit order), and the generation day kept from
// the committed file while nothing else changes, so that running it twice changes nothing.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  catalogEntrySchema,
  catalogInfoSchema,
  normalizeProviderId,
  parseProviderId,
} from "../dist/index.js";

const SOURCE = "@earendil-works/pi-ai";
// Where its authors take the facts from (its generator reads these three, and adds some providers by hand).
const UPSTREAM = ["models.dev", "OpenRouter", "Vercel AI Gateway"];
// Source ids for a provider that model-ref's table knows under another id: the same service at the same API host,
// with the same credentials. Every other source id is kept as normalizeProviderId gives it (so `kimi-coding` is
// `kimi`, a spelling model-ref collapses); one model-ref does not know stays a provider of its own, as a custom
// provider in `models.providers` would be named.
const RENAMED = {
  // api.moonshot.ai: model-ref's `moonshot`; `moonshotai-cn` (api.moonshot.cn) is another endpoint and stays.
  moonshotai: "moonshot",
  // Azure OpenAI: model-ref's `microsoft-foundry` (AZURE_OPENAI_API_KEY).
  azure: "microsoft-foundry",
};
const DEFAULT_FILE = fileURLToPath(new URL("../src/catalog-data.ts", import.meta.url));

function fail(message) {
  console.error(`generate-catalog: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { check: false, file: DEFAULT_FILE };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--check") options.check = true;
    else if (argv[i] === "--file" && argv[i + 1] !== undefined) options.file = argv[++i];
    else fail(`unknown argument ${JSON.stringify(argv[i])}; use --check and --file <path>`);
  }
  return options;
}

/** The installed source package: its folder and package.json. Resolving runs none of its code. */
function sourcePackage() {
  let url;
  try {
    url = import.meta.resolve(SOURCE);
  } catch (error) {
    fail(`${SOURCE} is not installed (it is a devDependency of @modelctl/model-ref): ${error.message}`);
  }
  for (let dir = dirname(fileURLToPath(url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8"));
      if (manifest.name === SOURCE) return { dir, manifest };
    }
  }
  fail(`no package.json named ${SOURCE} above ${url}`);
}

/** The source's chat models (`type: "chat"`; its image and classifier models are not chat models) as catalog entries. */
function readEntries(dataDir) {
  const entries = [];
  const seen = new Map();
  const files = readdirSync(dataDir)
    .filter((name) => name.endsWith(".json") && !name.startsWith("."))
    .sort();
  for (const name of files) {
    const byApi = JSON.parse(readFileSync(join(dataDir, name), "utf8"));
    for (const models of Object.values(byApi)) {
      for (const model of Object.values(models)) {
        if (model.type !== "chat") continue;
        const provider = RENAMED[model.provider] ?? normalizeProviderId(model.provider);
        parseProviderId(provider);
        const entry = {
          provider,
          id: model.id,
          name: model.name,
          contextWindow: model.contextWindow ?? null,
          maxOutputTokens: model.maxTokens ?? null,
          input: model.input,
          reasoning: model.reasoning === true,
          // The source lists only models that can call tools (its README says so), so every entry can.
          toolCall: true,
          // Base prices only: the source's `tiers` (a higher price above some prompt length) are left out.
          cost: model.cost
            ? {
                input: model.cost.input,
                output: model.cost.output,
                cacheRead: model.cost.cacheRead,
                cacheWrite: model.cost.cacheWrite,
              }
            : null,
          // The source has neither.
          releaseDate: null,
          deprecated: null,
        };
        const checked = catalogEntrySchema().safeParse(entry);
        if (!checked.success) fail(`${name}: ${model.provider}/${model.id}: ${checked.error.message}`);
        const key = `${provider}/${model.id}`;
        if (seen.has(key)) fail(`${key} twice (from ${seen.get(key)} and ${model.provider})`);
        seen.set(key, model.provider);
        entries.push({ entry, source: model.provider });
      }
    }
  }
  entries.sort((a, b) => compare(a.entry.provider, b.entry.provider) || compare(a.entry.id, b.entry.id));
  return entries;
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function providerRows(entries) {
  const rows = new Map();
  for (const { entry, source } of entries) {
    const row = rows.get(entry.provider) ?? { id: entry.provider, source, models: 0 };
    if (row.source !== source) fail(`provider ${entry.provider} comes from both ${row.source} and ${source}`);
    row.models++;
    rows.set(entry.provider, row);
  }
  return [...rows.values()];
}

/** The publish time of `version` on the npm registry, as an ISO string. */
function publishedAt(version) {
  let times;
  try {
    const stdout = execFileSync("npm", ["view", SOURCE, "time", "--json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    times = JSON.parse(stdout);
  } catch (error) {
    fail(
      `could not read the publish time of ${SOURCE}@${version} from the registry: ${error.stderr || error.message}`,
    );
  }
  if (typeof times[version] !== "string") fail(`the registry lists no publish time for ${SOURCE}@${version}`);
  return new Date(times[version]).toISOString();
}

// The data is JSON inside template literals: V8 parses a JSON string faster than it compiles the same object
// literal (see the README). Only these three characters need escaping in a template literal.
const escapeTemplate = (text) => text.replace(/[\\`]|\$\{/g, (match) => `\\${match}`);
const unescapeTemplate = (text) => text.replace(/\\([\\`$])/g, "$1");

// The header as readable JSON with one line per provider row.
function renderInfo({ providers, ...head }) {
  const rows = providers.map((row) => `    ${JSON.stringify(row)}`).join(",\n");
  return `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "providers": [\n${rows}\n  ]\n}`;
}

function render(info, entries) {
  return [
    `// Generated by scripts/generate-catalog.mjs from ${info.source.package} ${info.source.version}: do not edit.`,
    "// Refresh with `pnpm --filter @modelctl/model-ref catalog:generate` (see the package README).",
    "",
    `export const CATALOG_INFO_JSON = \`${escapeTemplate(renderInfo(info))}\`;`,
    "",
    "// One entry per line, sorted by provider, then id.",
    `export const CATALOG_MODELS_JSON = \`[\n${entries.map(({ entry }) => escapeTemplate(JSON.stringify(entry))).join(",\n")}\n]\`;`,
    "",
  ].join("\n");
}

/** The header of the committed file, or undefined when there is none (or it cannot be read). */
function committedInfo(text) {
  const match = /^export const CATALOG_INFO_JSON = `([\s\S]*?)`;$/m.exec(text ?? "");
  if (!match) return undefined;
  try {
    return JSON.parse(unescapeTemplate(match[1]));
  } catch {
    return undefined;
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const { dir, manifest } = sourcePackage();
  const dataDir = join(dir, "dist", "providers", "data");
  if (!existsSync(dataDir)) fail(`${SOURCE}@${manifest.version} has no ${dataDir}: has its layout changed?`);
  const entries = readEntries(dataDir);
  const sourceMeta = join(dataDir, ".manifest.json");
  const dataGeneratedAt = existsSync(sourceMeta)
    ? new Date(JSON.parse(readFileSync(sourceMeta, "utf8")).generatedAt).toISOString()
    : null;

  const committedText = existsSync(options.file) ? readFileSync(options.file, "utf8") : undefined;
  const committed = committedInfo(committedText);
  const sameVersion = committed?.source?.package === SOURCE && committed.source.version === manifest.version;
  // A version's publish time never changes: read it from the registry only for a version not committed yet. A check
  // never asks the registry (a new version fails the check anyway).
  const published = sameVersion
    ? committed.source.publishedAt
    : options.check
      ? "1970-01-01T00:00:00.000Z"
      : publishedAt(manifest.version);

  const infoFor = (generatedAt) => ({
    schemaVersion: 1,
    source: {
      package: SOURCE,
      version: manifest.version,
      license: manifest.license,
      publishedAt: published,
      dataGeneratedAt,
      upstream: UPSTREAM,
    },
    generatedAt,
    models: entries.length,
    providers: providerRows(entries),
  });
  // The committed day while nothing else differs; today otherwise.
  const keptDay = committed?.generatedAt;
  const today = new Date().toISOString().slice(0, 10);
  let text = keptDay === undefined ? undefined : render(infoFor(keptDay), entries);
  if (text !== committedText) text = render(infoFor(today), entries);
  const checkedInfo = catalogInfoSchema().safeParse(committedInfo(text));
  if (!checkedInfo.success) fail(`the header does not match catalogInfoSchema: ${checkedInfo.error.message}`);

  const summary = `${entries.length} models, ${checkedInfo.data.providers.length} providers from ${SOURCE}@${manifest.version}`;
  if (options.check) {
    if (text === committedText) {
      console.log(`${options.file} is up to date: ${summary}.`);
      return;
    }
    console.error(
      `${options.file} differs from what the generator writes (${summary}): run \`pnpm --filter @modelctl/model-ref catalog:generate\`.`,
    );
    process.exitCode = 1;
    return;
  }
  if (text === committedText) {
    console.log(`${options.file}: no change (${summary}).`);
    return;
  }
  writeFileSync(options.file, text);
  console.log(`Wrote ${options.file}: ${summary}.`);
}

main();
