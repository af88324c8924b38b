// Copies the CLI reference of the repository's README (from "## Commands" up to "## Development": commands, the
// differences from OpenClaw, exit codes, environment, files) into this package's README, between the two marker
// comments, so that the README on the npm page stands alone. Links relative to the repository become absolute.
// `--check` writes nothing and exits 1 when the package README's copy differs from what it would write.
//
//   pnpm --filter @modelctl/cli readme
//   node scripts/sync-readme.mjs --check [--file <path>]
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT_README = fileURLToPath(new URL("../../../README.md", import.meta.url));
const DEFAULT_FILE = fileURLToPath(new URL("../README.md", import.meta.url));
const REPO = "https://github.com/modelctl/modelctl";
const FROM = "## Commands";
const TO = "## Development";
const START =
  "<!-- reference: copied from the repository's README by scripts/sync-readme.mjs; edit it there -->";
const END = "<!-- reference end -->";

function fail(message) {
  console.error(`sync-readme: ${message}`);
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

/** The reference part of the root README, its repository-relative links made absolute. */
export function reference(rootReadme) {
  const lines = rootReadme.split("\n");
  const from = lines.indexOf(FROM);
  const to = lines.indexOf(TO);
  if (from === -1 || to <= from) fail(`the root README has no "${FROM}" … "${TO}" part`);
  return lines
    .slice(from, to)
    .join("\n")
    .trim()
    .replace(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g, (_, target) => {
      const path = target.replace(/^\.\//, "");
      const kind = /\.[a-z]+(#.*)?$/i.test(path) ? "blob" : "tree";
      return `](${REPO}/${kind}/main/${path})`;
    });
}

/** The package README with its marked part replaced by the reference. */
export function syncedReadme(packageReadme, rootReadme) {
  const start = packageReadme.indexOf(START);
  const end = packageReadme.indexOf(END);
  if (start === -1 || end < start) fail(`the package README has no markers:\n${START}\n${END}`);
  return `${packageReadme.slice(0, start + START.length)}\n\n${reference(rootReadme)}\n\n${packageReadme.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const options = parseArgs(process.argv.slice(2));
  const current = readFileSync(options.file, "utf8");
  const text = syncedReadme(current, readFileSync(ROOT_README, "utf8"));
  const where = relative(process.cwd(), options.file) || options.file;
  if (options.check) {
    if (current !== text) {
      console.error(
        `sync-readme: ${where} differs from the repository README's reference; run \`pnpm --filter @modelctl/cli readme\` and commit it`,
      );
      process.exit(1);
    }
    console.log(`${where} is up to date with the repository README`);
  } else {
    writeFileSync(options.file, text);
    console.log(`wrote ${where}`);
  }
}
